import { createHash } from 'node:crypto'
import type { Problem } from '@shared/problem'
import { fallbackModel, findModel, type ModelInfo, type ModelPrices } from '@shared/models/catalog'
import type { Detail, Size } from '@shared/models/image-tokens'
import { resolvePrices, tokenCost } from '../estimate/catalog-overrides'
import {
  estimateRequest,
  type RequestEstimate,
  type RequestShape,
  type UsageHints
} from '../estimate/request-estimate'
import {
  DEFAULT_PREPROCESS,
  type PreparedImage,
  type PreprocessSettings
} from '../images/preprocess'
import type { ChatBody } from '../openai/transport'
import type { WorkItem } from '../scheduler/types'
import { findTemplate } from '../templates/builtins'
import {
  type ImagePart,
  buildRequest,
  expectedCompletionTokens,
  type BuiltRequest
} from '../templates/build-request'
import type { Template } from '../templates/template'
import type { JobItem } from './job-state'
import type { JobSettings } from './job-store'
import { resultKey } from './result-cache'
import { keptFields, photoVariables } from './photo-variables'
import { photoOrderNote, productPhotos, productTemplate, type ProductPhotos } from './products'

export { photoVariables, productOf, withProductKeywords } from './photo-variables'

/** A photo's request with what the job needs to know about it before sending. */
export interface JobRequest {
  work: WorkItem
  cacheKey: string
  /** Expected billed tokens: a fallback when an answer's `usage` leaves some out. */
  estimate: { promptTokens: number; outputTokens: number }
  /** What the budget reserves for this request until its answer is priced. */
  estimateUsd: number
  /** The prices its answer is billed at when not the job's live ones (a Batch line). */
  pricedAt?: ModelPrices | null
  /** The body holds no photo (a Batch line's text): nothing that needs the photo is sent again. */
  textOnly?: boolean
  /** A field asked for again: the answer's other fields, kept whatever the new answer says. */
  keepFields?: Record<string, unknown>
  /** The request carries several photos of one product: they share its answer. */
  product?: ProductPhotos
  /** What its answer's `usage` teaches: the photo's image tokens by the rule, and its text tokens. */
  teaches?: {
    model: string
    detail: string
    ruleImageTokens: number
    textTokens: number
    /** Photos in the request (the admission charge counts each). */
    images: number
  }
}

/** How a job prepares its photos (also the image-cache key's settings). */
export function jobPreprocessSettings(settings: JobSettings): PreprocessSettings {
  const method = (findModel(settings.model) ?? fallbackModel()).imageTokens
  return {
    ...DEFAULT_PREPROCESS,
    detail: settings.detail,
    jpegQuality: settings.jpegQuality,
    background: settings.background ?? DEFAULT_PREPROCESS.background,
    method
  }
}

/** The job's prices: the catalog's, with the job's own override (CLI flags or Settings) on top. */
export function jobPrices(settings: JobSettings): ModelPrices | null {
  if (settings.pricing === 'unknown') return null
  return resolvePrices(settings.model, settings.prices ? { [settings.model]: settings.prices } : {})
}

/**
 * Why a job cannot start with a budget: a budget needs a price to count against. Null when fine.
 */
export function budgetProblem(settings: JobSettings): Problem | null {
  if (settings.budgetUsd === undefined || jobPrices(settings)) return null
  return { code: 'budgetNeedsPrice', field: 'budget', params: { n: settings.model } }
}

/** The job's template: its snapshot, else the built-in of that id. */
export function jobTemplate(settings: JobSettings): Template {
  const template = settings.template ?? findTemplate(settings.templateId)
  if (!template) throw new Error(`Unknown template "${settings.templateId}".`)
  return template
}

/** What the estimator needs of a built request: its texts, images and answer budgets. */
export function requestShape(
  built: BuiltRequest,
  template: Template,
  model: ModelInfo,
  images: Size[],
  detail: Detail
): RequestShape {
  return {
    model,
    texts: built.texts,
    images,
    detail,
    maxCompletionTokens: built.body.max_completion_tokens ?? template.maxCompletionTokens,
    expectedOutputTokens: expectedCompletionTokens(template, model)
  }
}

/** One photo of a request, prepared. */
export interface RequestPhoto {
  item: JobItem
  image: PreparedImage
}

/** Builds the request for one prepared photo, with its admission charge and estimated cost. */
export function jobRequest(
  item: JobItem,
  image: PreparedImage,
  template: Template,
  settings: JobSettings,
  prices: ModelPrices | null,
  how: { tier?: ServiceTier; hints?: UsageHints } = {}
): JobRequest {
  return productRequest([{ item, image }], template, settings, prices, how)
}

/**
 * Builds the request for a product's prepared photos (the lead first; one photo alike): one
 * listing from all of them, each photo's own alt text. Sent, priced, cached and admitted as one.
 */
export function productRequest(
  photos: readonly RequestPhoto[],
  jobTemplate: Template,
  settings: JobSettings,
  prices: ModelPrices | null,
  how: { tier?: ServiceTier; hints?: UsageHints } = {}
): JobRequest {
  const items = photos.map((photo) => photo.item)
  const lead = items[0]
  const product = productPhotos(jobTemplate, ids(items))
  const template = productTemplate(jobTemplate, product)
  const model = findModel(settings.model)
  const built = buildRequest(
    template,
    requestVariables(items, settings),
    photos.map(({ image }) => imagePart(image, settings.detail)),
    model,
    settings.model,
    settings.structuredMode
  )
  const images = photos.map(({ image }) => image)
  const estimate = photoEstimate(built, template, settings, images, how.hints)
  const flex = how.tier === 'flex'
  const outputTokens = expectedCompletionTokens(template, model)
  const body = withCacheKey(built.body, template, settings)
  return {
    work: {
      id: lead.id,
      body: flex ? { ...body, service_tier: 'flex' } : body,
      chargeTokens: estimate.admissionTokens
    },
    cacheKey: resultKey(settings.endpoint, built.body),
    estimate: { promptTokens: estimate.promptTokens, outputTokens: estimate.outputTokens },
    estimateUsd: prices ? tokenCost(prices, estimate.promptTokens, outputTokens, flex) : 0,
    ...teaches(estimate, settings, images.length),
    ...(keptFields(lead) ? { keepFields: keptFields(lead) } : {}),
    ...(product ? { product } : {})
  }
}

const ids = (items: readonly JobItem[]): string[] => items.map((item) => item.id)

/** A request's `{variables}`: its lead photo's, and for several photos the note on their order. */
export function requestVariables(
  items: readonly JobItem[],
  settings: JobSettings
): Record<string, string> {
  return { ...photoVariables(items[0], settings), photos_note: photoOrderNote(items) }
}

/** A prepared photo as a request carries it: a data URL. */
function imagePart(image: PreparedImage, detail: Detail): ImagePart {
  return { dataUrl: `data:${image.mime};base64,${image.data.toString('base64')}`, detail }
}

/** A request's photos estimated together (an unknown model: only an admission guess). */
function photoEstimate(
  built: ReturnType<typeof buildRequest>,
  template: Template,
  settings: JobSettings,
  images: readonly Size[],
  hints: UsageHints | undefined
): RequestEstimate | { promptTokens: number; admissionTokens: number; outputTokens: number } {
  const model = findModel(settings.model)
  if (model)
    return estimateRequest(
      requestShape(built, template, model, [...images], settings.detail),
      settings.imageAdmission,
      hints
    )
  return {
    promptTokens: 0,
    admissionTokens: (built.body.max_completion_tokens ?? 0) + 1000 * images.length,
    outputTokens: expectedCompletionTokens(template, model)
  }
}

/** What the answer's usage can teach about this photo's image tokens (known models only). */
function teaches(
  estimate: ReturnType<typeof photoEstimate>,
  settings: JobSettings,
  images: number
): Pick<JobRequest, 'teaches'> {
  if (!('ruleImageTokens' in estimate)) return {}
  const { ruleImageTokens, textTokens } = estimate
  const { model, detail } = settings
  return { teaches: { model, detail, ruleImageTokens, textTokens, images } }
}

/** How live requests are served: standard, or Flex (Batch prices, slower, sometimes no room). */
export type ServiceTier = 'standard' | 'flex'

/** Endpoints that take OpenAI's own request fields (`service_tier`, `prompt_cache_key`). */
export function takesOpenAIFields(endpoint: JobSettings['endpoint']): boolean {
  return endpoint.kind === 'openai' || endpoint.kind === 'demo'
}

/**
 * OpenAI's `prompt_cache_key`, one per template, so every photo of a job lands on the same prompt
 * cache. Sent to OpenAI itself only: gateways and local servers may refuse a field they do not
 * know. (The answer cache's key is the body without it, so answers cached earlier still match.)
 */
export function withCacheKey(
  body: ChatBody,
  template: Template,
  settings: Pick<JobSettings, 'endpoint'>
): ChatBody {
  if (!takesOpenAIFields(settings.endpoint)) return body
  const digest = createHash('sha256').update(template.instructions).digest('hex').slice(0, 12)
  return { ...body, prompt_cache_key: `photoscribe-${template.id}-${digest}` }
}
