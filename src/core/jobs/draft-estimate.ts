import type { EstimateView } from '@shared/domain/queue'
import { batchPlan } from '../estimate/batch-plan'
import type { resolveLimits } from '../estimate/catalog-overrides'
import type { BindingLimit, JobEstimate } from '../estimate/job-estimate'
import {
  EXPECTED_LATENCY_MS,
  estimatePhotos,
  type KeyEstimateLimits,
  type MeasuredPhoto
} from './photo-estimate'
import type { JobSettings } from './job-store'
import { takesOpenAIFields } from './job-request'
import { findModel } from '@shared/models/catalog'
import type { RequestEstimate, UsageHints } from '../estimate/request-estimate'
import { LEARNED_AFTER } from '../estimate/usage-learning'

const BINDING: Record<BindingLimit, EstimateView['binding']> = {
  'requests per minute': 'requests',
  'tokens per minute': 'tokens',
  'concurrency × latency': 'concurrency'
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
  keyLimits: readonly KeyEstimateLimits[] = [{}],
  hints?: UsageHints
): EstimateView {
  const {
    estimate: base,
    requests,
    keys,
    unreadable
  } = estimatePhotos(settings, measured, { keyLimits, hints })
  const expected = Math.max(0, total - unreadable)
  // The photos measured so far stand for all of them (a product's photos share one request).
  const readable = measured.length - unreadable
  const scale = requests.length > 0 ? expected / readable : 0
  const scaleMoney = (usd: number | null): number | null => (usd === null ? null : usd * scale)
  return {
    photos: expected,
    measured: measured.length,
    unreadable,
    costStandard: scaleMoney(base.costStandard),
    costBatch: scaleMoney(base.costBatch),
    ...flexChoice(settings, scaleMoney(base.costFlex)),
    cachedShare: base.promptTokens > 0 ? base.cachedTokens / base.promptTokens : 0,
    imageTokens: imageTokensSource(settings, base.imagesLearnedFrom),
    learnedFrom: base.imagesLearnedFrom,
    durationMs:
      requests.length > 0
        ? Math.max(0, base.durationMs - EXPECTED_LATENCY_MS) * scale + EXPECTED_LATENCY_MS
        : 0,
    binding: BINDING[base.binding],
    ...summedLimits(keys, keyLimits),
    pricing: settings.pricing ?? 'catalog',
    batch: scaledBatchPlan(base, requests, scale)
  }
}

/** Where the image tokens come from: a documented rule, or one assumed and still being learned. */
export function imageTokensSource(
  settings: Pick<JobSettings, 'model'>,
  learnedFrom: number
): EstimateView['imageTokens'] {
  if (!findModel(settings.model)?.imageRuleAssumed) return 'documented'
  return learnedFrom >= LEARNED_AFTER ? 'learned' : learnedFrom > 0 ? 'learning' : 'assumed'
}

/** Flex's cost where the endpoint and the model offer it. */
function flexChoice(
  settings: JobSettings,
  costFlex: number | null
): Pick<EstimateView, 'costFlex' | 'flex'> {
  if (!takesOpenAIFields(settings.endpoint)) return { costFlex: null, flex: 'notHere' }
  const flex = findModel(settings.model)?.flex ?? 'unknown'
  return { costFlex: flex === 'no' ? null : costFlex, flex }
}

/**
 * The keys' limits together, where they come from (`reported` when every key's numbers are what
 * its server said, in a key test or a run), and how many keys.
 */
function summedLimits(
  keys: readonly ReturnType<typeof resolveLimits>[],
  given: readonly KeyEstimateLimits[] = []
): Pick<EstimateView, 'rpm' | 'tpm' | 'limitsSource' | 'keys'> {
  const reported =
    keys.every((key) => key.source === 'given') && given.every((key) => key.from === 'reported')
  return {
    rpm: keys.reduce((sum, key) => sum + key.rpm, 0),
    tpm: keys.reduce((sum, key) => sum + key.tpm, 0),
    limitsSource: reported
      ? 'reported'
      : keys.some((key) => key.source === 'given')
        ? 'given'
        : keys[0].source,
    keys: keys.length
  }
}

/** The Batch plan for the whole queue, from the photos measured so far. */
function scaledBatchPlan(
  base: JobEstimate,
  requests: readonly RequestEstimate[],
  scale: number
): EstimateView['batch'] {
  return batchPlan({
    requests: Math.round(requests.length * scale),
    promptTokens: base.promptTokens * scale,
    lineBytes: requests.reduce((sum, r) => sum + r.lineBytes, 0) * scale,
    queueLimit: base.batch.queueLimit
  })
}
