import { findModel, type ModelPrices } from '@shared/models/catalog'
import { estimateRequest } from '../estimate/request-estimate'
import type { PreparedImage } from '../images/preprocess'
import type { WorkItem } from '../scheduler/types'
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

/** The `{variables}` a photo brings: its file name, folder and the job's language. */
export function photoVariables(item: JobItem, settings: JobSettings): Record<string, string> {
  const path = item.paths[0] ?? ''
  const parts = path.split(/[\\/]/)
  const filename = parts.at(-1) ?? ''
  return {
    filename,
    folder: parts.at(-2) ?? '',
    sku: filename.replace(/\.[^.]+$/, ''),
    language: settings.language,
    keywords: ''
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
    settings.model
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
  const estimateUsd = prices
    ? (estimate.promptTokens * prices.input + outputTokens * prices.output) / 1e6
    : 0
  return {
    work: { id: item.id, body: built.body, chargeTokens: estimate.admissionTokens },
    cacheKey: resultKey(item.sha256, settings.model, settings.detail, built.promptKey),
    estimateUsd
  }
}
