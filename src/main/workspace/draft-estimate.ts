import type { EstimateView } from '@shared/domain/queue'
import type { Size } from '@shared/models/image-tokens'
import { findModel, fallbackModel } from '@shared/models/catalog'
import { batchQueueLimit } from '@shared/models/tiers'
import { batchPlan } from '../core/estimate/batch-plan'
import { resolveLimits } from '../core/estimate/catalog-overrides'
import { estimateJob, type BindingLimit, type JobEstimate } from '../core/estimate/job-estimate'
import { estimateForSize } from '../core/jobs/dry-run'
import { jobPrices } from '../core/jobs/job-request'
import type { JobItem } from '../core/jobs/job-state'
import type { JobSettings } from '../core/jobs/job-store'
import type { RequestEstimate } from '../core/estimate/request-estimate'
import type { KeyEstimateLimits } from './connection'

const BINDING: Record<BindingLimit, EstimateView['binding']> = {
  'requests per minute': 'requests',
  'tokens per minute': 'tokens',
  'concurrency × latency': 'concurrency'
}

const EXPECTED_LATENCY_MS = 3000

/** A photo whose header was read: its path and upright size (null: unreadable). */
export interface MeasuredPhoto {
  path: string
  size: Size | null
}

/**
 * The estimate panel's numbers for `total` photos from the headers read so far: the measured
 * photos are estimated one by one (or once per size when no product sheet varies the prompt) and
 * the rest are taken to look like them, so the panel answers before every header is read.
 */
export function draftEstimate(
  settings: JobSettings,
  measured: readonly MeasuredPhoto[],
  total: number,
  keyLimits: readonly KeyEstimateLimits[] = [{}]
): EstimateView {
  const readable = measured.filter((photo) => photo.size !== null)
  const requests = requestEstimates(settings, readable)
  const unreadable = measured.length - readable.length
  const keys = keyLimits.map((key) =>
    resolveLimits(settings.model, { rpm: key.rpm ?? settings.rpm, tpm: key.tpm ?? settings.tpm })
  )
  const base = estimateJob({
    requests,
    prices: jobPrices(settings),
    keys: keys.map(({ rpm, tpm }) => ({ rpm, tpm })),
    maxConcurrency: settings.maxConcurrency,
    expectedLatencyMs: EXPECTED_LATENCY_MS,
    queueLimit: keyLimits[0]?.batchQueueTokens ?? batchQueueLimit(settings.model)
  })
  const expected = Math.max(0, total - unreadable)
  const scale = requests.length > 0 ? expected / requests.length : 0
  const scaleMoney = (usd: number | null): number | null => (usd === null ? null : usd * scale)
  return {
    photos: expected,
    measured: measured.length,
    unreadable,
    costStandard: scaleMoney(base.costStandard),
    costBatch: scaleMoney(base.costBatch),
    durationMs:
      requests.length > 0
        ? Math.max(0, base.durationMs - EXPECTED_LATENCY_MS) * scale + EXPECTED_LATENCY_MS
        : 0,
    binding: BINDING[base.binding],
    ...summedLimits(keys),
    pricing: settings.pricing ?? 'catalog',
    batch: scaledBatchPlan(base, requests, expected, scale)
  }
}

/** The keys' limits together, where they come from, and how many keys. */
function summedLimits(
  keys: readonly ReturnType<typeof resolveLimits>[]
): Pick<EstimateView, 'rpm' | 'tpm' | 'limitsSource' | 'keys'> {
  return {
    rpm: keys.reduce((sum, key) => sum + key.rpm, 0),
    tpm: keys.reduce((sum, key) => sum + key.tpm, 0),
    limitsSource: keys.some((key) => key.source === 'given') ? 'given' : keys[0].source,
    keys: keys.length
  }
}

/** The Batch plan for the whole queue, from the photos measured so far. */
function scaledBatchPlan(
  base: JobEstimate,
  requests: readonly RequestEstimate[],
  photos: number,
  scale: number
): EstimateView['batch'] {
  return batchPlan({
    requests: photos,
    promptTokens: base.promptTokens * scale,
    lineBytes: requests.reduce((sum, r) => sum + r.lineBytes, 0) * scale,
    queueLimit: base.batch.queueLimit
  })
}

function requestEstimates(
  settings: JobSettings,
  photos: readonly MeasuredPhoto[]
): RequestEstimate[] {
  const model = findModel(settings.model) ?? fallbackModel()
  const varies = Boolean(settings.productContext)
  const bySize = new Map<string, RequestEstimate>()
  return photos.map((photo) => {
    const size = photo.size!
    const key = `${size.width}x${size.height}`
    const known = varies ? undefined : bySize.get(key)
    if (known) return known
    const estimate = estimateForSize(itemFor(photo.path), settings, model, size)
    bySize.set(key, estimate)
    return estimate
  })
}

function itemFor(path: string): JobItem {
  return { id: 'estimate', sha256: '', bytes: 0, paths: [path], status: 'pending' }
}
