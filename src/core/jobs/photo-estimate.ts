import { fallbackModel, findModel, type ModelInfo } from '@shared/models/catalog'
import { apiImageSize, type Size } from '@shared/models/image-tokens'
import { batchQueueLimit } from '@shared/models/tiers'
import { resolveLimits } from '../estimate/catalog-overrides'
import { estimateJob, type JobEstimate } from '../estimate/job-estimate'
import {
  estimateRequest,
  type RequestEstimate,
  type UsageHints
} from '../estimate/request-estimate'
import { buildRequest, cachedPrefixTokens } from '../templates/build-request'
import { jobPrices, jobTemplate, requestShape, requestVariables } from './job-request'
import { productPhotos, productTemplate, requestGroups } from './products'
import type { JobItem } from './job-state'
import type { JobSettings } from './job-store'

/** A photo whose header was read: its path and upright size (null: unreadable). */
export interface MeasuredPhoto {
  path: string
  size: Size | null
}

/** A key's limits as the estimate reads them (undefined parts: the job's, else the catalog's). */
export interface KeyEstimateLimits {
  rpm?: number
  tpm?: number
  batchQueueTokens?: number
  /** `reported`: the numbers are what the server's headers said for this key (a test or a run). */
  from?: 'reported'
}

/** What an estimate knows besides the photos: each key's limits, the Batch queue, what was learned. */
export interface EstimateContext {
  keyLimits?: readonly KeyEstimateLimits[]
  queueLimit?: number
  hints?: UsageHints
}

/** The one estimate of a job's photos, for the window's panel and the CLI's --dry-run alike. */
export interface PhotoEstimate {
  estimate: JobEstimate
  requests: RequestEstimate[]
  keys: ReturnType<typeof resolveLimits>[]
  unreadable: number
}

export const EXPECTED_LATENCY_MS = 3000

/**
 * Estimates the measured photos with the job's settings: its model (or a stand-in where the
 * catalog has none), its prices (the user's over the catalog's; none when unknown) and each key's
 * limits. Nothing is sent.
 */
export function estimatePhotos(
  settings: JobSettings,
  measured: readonly MeasuredPhoto[],
  given: EstimateContext = {}
): PhotoEstimate {
  const { keyLimits = [{}], queueLimit, hints } = given
  const readable = measured.filter((photo) => photo.size !== null)
  const requests = requestEstimates(settings, readable, hints)
  const keys = keyLimits.map((key) =>
    resolveLimits(settings.model, { rpm: key.rpm ?? settings.rpm, tpm: key.tpm ?? settings.tpm })
  )
  const estimate = estimateJob({
    requests,
    prices: jobPrices(settings),
    keys: keys.map(({ rpm, tpm }) => ({ rpm, tpm })),
    maxConcurrency: settings.maxConcurrency,
    expectedLatencyMs: EXPECTED_LATENCY_MS,
    queueLimit: queueLimit ?? keyLimits[0]?.batchQueueTokens ?? batchQueueLimit(settings.model),
    flex: findModel(settings.model)?.flex ?? 'unknown',
    // Every photo after each key's first reads a long enough static prefix from the prompt cache.
    cachedTokens:
      cachedPrefixTokens(jobTemplate(settings)) * Math.max(0, requests.length - keys.length)
  })
  return { estimate, requests, keys, unreadable: measured.length - readable.length }
}

/** The request estimate for one photo, or a product's photos, of the given upright sizes. */
export function estimateForSize(
  items: readonly JobItem[],
  settings: JobSettings,
  model: ModelInfo,
  upright: readonly Size[],
  hints?: UsageHints
): RequestEstimate {
  const sizes = upright.map((size) => apiImageSize(size, settings.detail, model.imageTokens))
  const base = jobTemplate(settings)
  const template = productTemplate(
    base,
    productPhotos(
      base,
      items.map((one) => one.id)
    )
  )
  const built = buildRequest(
    template,
    requestVariables(items, settings),
    sizes.map(() => ({ dataUrl: '', detail: settings.detail })),
    model,
    settings.model
  )
  return estimateRequest(
    requestShape(built, template, model, sizes, settings.detail),
    settings.imageAdmission,
    hints
  )
}

/**
 * One estimate per request: a photo each, or a product's photos together when the job groups
 * them (computed once per set of sizes when no product sheet varies the prompt).
 */
function requestEstimates(
  settings: JobSettings,
  photos: readonly MeasuredPhoto[],
  hints?: UsageHints
): RequestEstimate[] {
  const model = findModel(settings.model) ?? fallbackModel()
  const varies = Boolean(settings.productContext)
  const bySizes = new Map<string, RequestEstimate>()
  const items = photos.map((photo, i) => itemFor(photo.path, i))
  const sizeOf = new Map(items.map((item, i) => [item, photos[i].size!]))
  return requestGroups(items, settings, jobTemplate(settings)).map((group) => {
    const sizes = group.map((item) => sizeOf.get(item)!)
    const key = sizes.map((size) => `${size.width}x${size.height}`).join(',')
    const known = varies ? undefined : bySizes.get(key)
    if (known) return known
    const estimate = estimateForSize(group, settings, model, sizes, hints)
    bySizes.set(key, estimate)
    return estimate
  })
}

function itemFor(path: string, i: number): JobItem {
  return { id: `estimate-${i}`, sha256: '', bytes: 0, paths: [path], status: 'pending' }
}
