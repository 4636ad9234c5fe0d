import { targetKeyword } from './target-keyword'
import { skuOf } from '@shared/domain/sku'
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
  buildRequest,
  expectedCompletionTokens,
  type BuiltRequest
} from '../templates/build-request'
import type { Template } from '../templates/template'
import type { JobItem } from './job-state'
import type { JobSettings } from './job-store'
import { resultKey } from './result-cache'

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
  /** What its answer's `usage` teaches: the photo's image tokens by the rule, and its text tokens. */
  teaches?: { model: string; detail: string; ruleImageTokens: number; textTokens: number }
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

/** The product sheet's row for a photo: by its file name, else by its SKU; empty without one. */
export function productOf(item: JobItem, settings: JobSettings): Record<string, string> {
  if (!settings.productContext) return {}
  const filename = (item.paths[0] ?? '').split(/[\\/]/).at(-1) ?? ''
  return productRow(settings, filename, skuOf(filename, settings.skuPattern))
}

function productRow(settings: JobSettings, filename: string, sku: string): Record<string, string> {
  const context = settings.productContext ?? {}
  const key = productKey(context, filename, sku)
  return Object.hasOwn(context, key) ? context[key] : {}
}

/** Which row of the product sheet is a photo's: its file name's, else its SKU's (lower case). */
function productKey(context: Record<string, unknown>, filename: string, sku: string): string {
  const byName = filename.toLowerCase()
  return Object.hasOwn(context, byName) || !sku ? byName : sku.toLowerCase()
}

/**
 * The job's settings with a product's target keywords typed in the window: its sheet row (by
 * file name, else by SKU, else a new row for the SKU) gets them, so every photo of the product
 * is asked for them and checked against them. Empty keywords take them out.
 */
export function withProductKeywords(
  item: JobItem,
  settings: JobSettings,
  keywords: string
): JobSettings {
  const context = { ...settings.productContext }
  const filename = (item.paths[0] ?? '').split(/[\\/]/).at(-1) ?? ''
  const key = productKey(context, filename, skuOf(filename, settings.skuPattern))
  const row = { ...(Object.hasOwn(context, key) ? context[key] : {}) }
  delete row.keywords
  context[key] = keywords.trim() ? { ...row, keywords: keywords.trim() } : row
  return { ...settings, productContext: context }
}

/**
 * The `{variables}` a photo brings: file name, folder, SKU (the file name without extension), the
 * job's language, and the product sheet's row for it (brand, keywords and any other column).
 */
export function photoVariables(item: JobItem, settings: JobSettings): Record<string, string> {
  const path = item.paths[0] ?? ''
  const parts = path.split(/[\\/]/)
  const filename = parts.at(-1) ?? ''
  const sku = skuOf(filename, settings.skuPattern)
  const product = productRow(settings, filename, sku)
  const extra = Object.entries(product).filter(([k]) => k !== 'brand' && k !== 'keywords')
  return {
    ...product,
    filename,
    folder: parts.at(-2) ?? '',
    sku,
    language: settings.language,
    brand: product.brand ?? '',
    keywords: product.keywords ?? '',
    brand_note: product.brand ? `The brand is ${product.brand}.` : '',
    keywords_note: keywordsNote(product.keywords),
    context:
      extra.length > 0 ? `Product facts: ${extra.map(([k, v]) => `${k}: ${v}`).join('; ')}.` : '',
    redo_note: redoNote(item)
  }
}

/** The reviewer's note on an answer asked for again: the whole answer, or one field of it. */
function redoNote(item: JobItem): string {
  if (item.redo === undefined) return ''
  const asks = item.redo ? ` The reviewer asks: ${item.redo}` : ''
  const field = item.redoField
  if (!field) return `Write a new answer.${asks}`
  const now = item.result?.fields?.[field]
  const current = typeof now === 'string' ? ` It is now: "${now}".` : ''
  return `Write a new ${field} only; the other fields may stay as they are.${current}${asks}`
}

/** The fields an answer keeps when only one of them was asked for again. */
function keptFields(item: JobItem): Record<string, unknown> | undefined {
  const fields = item.result?.fields
  if (item.redo === undefined || !item.redoField || !fields) return undefined
  return Object.fromEntries(Object.entries(fields).filter(([name]) => name !== item.redoField))
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

/** Builds the request for one prepared photo, with its admission charge and estimated cost. */
export function jobRequest(
  item: JobItem,
  image: PreparedImage,
  template: Template,
  settings: JobSettings,
  prices: ModelPrices | null,
  how: { tier?: ServiceTier; hints?: UsageHints } = {}
): JobRequest {
  const model = findModel(settings.model)
  const dataUrl = `data:${image.mime};base64,${image.data.toString('base64')}`
  const built = buildRequest(
    template,
    photoVariables(item, settings),
    { dataUrl, detail: settings.detail },
    model,
    settings.model,
    settings.structuredMode
  )
  const outputTokens = expectedCompletionTokens(template, model)
  const estimate = photoEstimate(built, template, settings, image, how.hints)
  const flex = how.tier === 'flex'
  const estimateUsd = prices ? tokenCost(prices, estimate.promptTokens, outputTokens, flex) : 0
  const body = withCacheKey(built.body, template, settings)
  return {
    work: {
      id: item.id,
      body: flex ? { ...body, service_tier: 'flex' } : body,
      chargeTokens: estimate.admissionTokens
    },
    cacheKey: resultKey(settings.endpoint, built.body),
    estimate: { promptTokens: estimate.promptTokens, outputTokens: estimate.outputTokens },
    estimateUsd,
    ...teaches(estimate, settings),
    ...(keptFields(item) ? { keepFields: keptFields(item) } : {})
  }
}

/** One photo's request estimated (an unknown model: only an admission guess). */
function photoEstimate(
  built: ReturnType<typeof buildRequest>,
  template: Template,
  settings: JobSettings,
  image: PreparedImage,
  hints: UsageHints | undefined
): RequestEstimate | { promptTokens: number; admissionTokens: number; outputTokens: number } {
  const model = findModel(settings.model)
  if (model)
    return estimateRequest(
      requestShape(built, template, model, [image], settings.detail),
      settings.imageAdmission,
      hints
    )
  return {
    promptTokens: 0,
    admissionTokens: (built.body.max_completion_tokens ?? 0) + 1000,
    outputTokens: expectedCompletionTokens(template, model)
  }
}

/** What the answer's usage can teach about this photo's image tokens (known models only). */
function teaches(
  estimate: ReturnType<typeof photoEstimate>,
  settings: JobSettings
): Pick<JobRequest, 'teaches'> {
  if (!('ruleImageTokens' in estimate)) return {}
  const { ruleImageTokens, textTokens } = estimate
  return {
    teaches: { model: settings.model, detail: settings.detail, ruleImageTokens, textTokens }
  }
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

/** The sheet's keywords for the prompt: the first is the target (checked in titles and descriptions). */
function keywordsNote(keywords: string | undefined): string {
  const target = targetKeyword(keywords)
  if (!target) return ''
  return `Put “${target}” in the title and the description. Use these keywords where they fit naturally: ${keywords}.`
}
