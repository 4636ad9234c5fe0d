import { findModel, type ModelPrices } from '@shared/models/catalog'
import { tokenCost } from '../estimate/catalog-overrides'
import { estimateRequest } from '../estimate/request-estimate'
import {
  DEFAULT_PREPROCESS,
  type PreparedImage,
  type PreprocessSettings
} from '../images/preprocess'
import type { WorkItem } from '../scheduler/types'
import { findTemplate } from '../templates/builtins'
import { buildRequest } from '../templates/build-request'
import { expectedOutputTokens, type Template } from '../templates/template'
import type { JobItem } from './job-state'
import type { JobSettings } from './job-store'
import { resultKey } from './result-cache'

/** A photo's request with what the job needs to know about it before sending. */
export interface JobRequest {
  work: WorkItem
  cacheKey: string
  estimateUsd: number
}

/** How a job prepares its photos (also the image-cache key's settings). */
export function jobPreprocessSettings(settings: JobSettings): PreprocessSettings {
  const method = findModel(settings.model)?.imageTokens ?? { kind: 'tile', base: 85, tile: 170 }
  return {
    ...DEFAULT_PREPROCESS,
    detail: settings.detail,
    jpegQuality: settings.jpegQuality,
    method
  }
}

/** The job's template: its snapshot, else the built-in of that id. */
export function jobTemplate(settings: JobSettings): Template {
  const template = settings.template ?? findTemplate(settings.templateId)
  if (!template) throw new Error(`Unknown template "${settings.templateId}".`)
  return template
}

/**
 * The `{variables}` a photo brings: file name, folder, SKU (the file name without extension), the
 * job's language, and the product sheet's row for it (brand, keywords and any other column).
 */
export function photoVariables(item: JobItem, settings: JobSettings): Record<string, string> {
  const path = item.paths[0] ?? ''
  const parts = path.split(/[\\/]/)
  const filename = parts.at(-1) ?? ''
  const stem = filename.replace(/\.[^.]+$/, '')
  const sku =
    (settings.skuPattern ? new RegExp(settings.skuPattern).exec(filename)?.[1] : undefined) ?? stem
  const context = settings.productContext ?? {}
  const product = context[filename.toLowerCase()] ?? context[sku.toLowerCase()] ?? {}
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
    keywords_note: product.keywords
      ? `Use these keywords where they fit naturally: ${product.keywords}.`
      : '',
    context:
      extra.length > 0 ? `Product facts: ${extra.map(([k, v]) => `${k}: ${v}`).join('; ')}.` : ''
  }
}

/** Builds the request for one prepared photo, with its admission charge and estimated cost. */
export function jobRequest(
  item: JobItem,
  image: PreparedImage,
  template: Template,
  settings: JobSettings,
  prices: ModelPrices | null
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
  const outputTokens = expectedOutputTokens(template)
  const estimate = model
    ? estimateRequest(
        {
          model,
          texts: built.texts,
          images: [image],
          detail: settings.detail,
          maxCompletionTokens: template.maxCompletionTokens,
          expectedOutputTokens: outputTokens
        },
        settings.imageAdmission
      )
    : { promptTokens: 0, admissionTokens: template.maxCompletionTokens + 1000, outputTokens }
  const estimateUsd = prices ? tokenCost(prices, estimate.promptTokens, outputTokens) : 0
  return {
    work: { id: item.id, body: built.body, chargeTokens: estimate.admissionTokens },
    cacheKey: resultKey(settings.endpoint, built.body),
    estimateUsd
  }
}
