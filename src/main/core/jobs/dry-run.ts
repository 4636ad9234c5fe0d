import sharp from 'sharp'
import { findModel, type ModelInfo, type RateLimits } from '@shared/models/catalog'
import { apiImageSize, type Size } from '@shared/models/image-tokens'
import { batchQueueLimit } from '@shared/models/tiers'
import { resolvePrices } from '../estimate/catalog-overrides'
import { estimateJob, type JobEstimate } from '../estimate/job-estimate'
import { estimateRequest, type RequestEstimate } from '../estimate/request-estimate'
import { buildRequest } from '../templates/build-request'
import { jobTemplate, photoVariables, requestShape } from './job-request'
import type { JobItem, JobState } from './job-state'
import type { JobSettings } from './job-store'

/** The estimate of a job before it runs: from each photo's header (its size), nothing sent. */
export async function estimateFromPhotos(
  state: JobState,
  settings: JobSettings,
  keys: RateLimits[],
  expectedLatencyMs = 3000
): Promise<JobEstimate & { unreadable: number }> {
  const model = findModel(settings.model)
  if (!model) throw new Error(`Cannot estimate: "${settings.model}" is not in the model catalog.`)
  const requests: RequestEstimate[] = []
  let unreadable = 0
  for (const item of state.items.values()) {
    if (item.status !== 'pending') continue
    const estimate = await estimatePhoto(item, settings, model)
    if (estimate) requests.push(estimate)
    else unreadable++
  }
  const estimate = estimateJob({
    requests,
    prices: resolvePrices(settings.model),
    keys,
    maxConcurrency: settings.maxConcurrency,
    expectedLatencyMs,
    queueLimit: state.batch.learnedLimit ?? batchQueueLimit(settings.model)
  })
  return { ...estimate, unreadable }
}

/** One photo's request estimate from its header alone; null when the header cannot be read. */
async function estimatePhoto(
  item: JobItem,
  settings: JobSettings,
  model: ModelInfo
): Promise<RequestEstimate | null> {
  const size = await readPhotoSize(item.paths[0])
  return size && estimateForSize(item, settings, model, size)
}

/** A photo's upright size from its header (no pixels decoded); null when it cannot be read. */
export async function readPhotoSize(path: string): Promise<Size | null> {
  const meta = await sharp(path)
    .metadata()
    .catch(() => null)
  if (!meta?.width || !meta.height) return null
  return meta.autoOrient ?? { width: meta.width, height: meta.height }
}

/** The request estimate for one photo of the given upright size. */
export function estimateForSize(
  item: JobItem,
  settings: JobSettings,
  model: ModelInfo,
  upright: Size
): RequestEstimate {
  const size = apiImageSize(upright, settings.detail, model.imageTokens)
  const template = jobTemplate(settings)
  const built = buildRequest(
    template,
    photoVariables(item, settings),
    { dataUrl: '', detail: settings.detail },
    model,
    settings.model
  )
  return estimateRequest(
    requestShape(built, template, model, [size], settings.detail),
    settings.imageAdmission
  )
}
