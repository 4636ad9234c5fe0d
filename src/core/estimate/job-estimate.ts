import type { ModelPrices, RateLimits } from '@shared/models/catalog'
import { batchPlan, type BatchPlan } from './batch-plan'
import { tokenCost } from './catalog-overrides'
import type { RequestEstimate } from './request-estimate'

/** Which limit decides how long a job takes. */
export type BindingLimit = 'requests per minute' | 'tokens per minute' | 'concurrency × latency'

/** What a job will cost and how long it will take, before anything is sent. */
export interface JobEstimate {
  requests: number
  promptTokens: number
  outputTokens: number
  /** USD; null when the model has no known price (local or unknown models). */
  costStandard: number | null
  costBatch: number | null
  /** Live at Flex prices (Batch's, with the prompt cache's discount); null where the model has none. */
  costFlex: number | null
  /** Prompt tokens expected from the prompt cache (a static prefix of ≥ 1,024 tokens repeats). */
  cachedTokens: number
  /** The fewest answers any request's image figure was learned from (0: the catalog's rule). */
  imagesLearnedFrom: number
  durationMs: number
  binding: BindingLimit
  /** The same job through the Batch API. */
  batch: BatchPlan
}

export interface JobEstimateInput {
  requests: readonly RequestEstimate[]
  prices: ModelPrices | null
  /** Limits of every key the job will use. */
  keys: readonly RateLimits[]
  maxConcurrency: number
  expectedLatencyMs: number
  /** The Batch API's enqueued-token limit for the model (null: not known). */
  queueLimit?: number | null
  /** Whether the model takes Flex (`no`: no Flex cost). */
  flex?: 'yes' | 'no' | 'unknown'
  /** Prompt tokens the prompt cache is expected to serve (billed at the cached price). */
  cachedTokens?: number
}

/** Sums a job's requests, prices them at standard and Batch rates, and finds the binding limit. */
export function estimateJob(input: JobEstimateInput): JobEstimate {
  const n = input.requests.length
  const sum = (pick: (r: RequestEstimate) => number): number =>
    input.requests.reduce((total, r) => total + pick(r), 0)
  const promptTokens = sum((r) => r.promptTokens)
  const outputTokens = sum((r) => r.outputTokens)
  const [binding, durationMs] = bindingLimit(
    input,
    sum((r) => r.admissionTokens)
  )
  const cachedTokens = Math.min(input.cachedTokens ?? 0, promptTokens)
  const cost = (batch: boolean, read: number): number | null =>
    input.prices ? tokenCost(input.prices, promptTokens, outputTokens, batch, { read }) : null
  return {
    requests: n,
    promptTokens,
    outputTokens,
    costStandard: cost(false, cachedTokens),
    // Batch lines are not counted on the prompt cache (they may run anywhere in 24 h).
    costBatch: cost(true, 0),
    costFlex: input.flex === 'no' ? null : cost(true, cachedTokens),
    cachedTokens,
    imagesLearnedFrom: n === 0 ? 0 : Math.min(...input.requests.map((r) => r.learnedFrom)),
    durationMs: n === 0 ? 0 : durationMs + input.expectedLatencyMs,
    binding,
    batch: batchPlan({
      requests: n,
      promptTokens,
      lineBytes: sum((r) => r.lineBytes),
      queueLimit: input.queueLimit ?? null
    })
  }
}

/** Which limit paces the job, and how long the requests take at it. */
function bindingLimit(input: JobEstimateInput, admissionTokens: number): [BindingLimit, number] {
  const n = input.requests.length
  const rpm = input.keys.reduce((total, k) => total + k.rpm, 0)
  const tpm = input.keys.reduce((total, k) => total + k.tpm, 0)
  const candidates: [BindingLimit, number][] = [
    ['requests per minute', rpm > 0 ? (n / rpm) * 60_000 : Number.POSITIVE_INFINITY],
    ['tokens per minute', tpm > 0 ? (admissionTokens / tpm) * 60_000 : Number.POSITIVE_INFINITY],
    [
      'concurrency × latency',
      (n * input.expectedLatencyMs) /
        Math.max(1, input.maxConcurrency * Math.max(1, input.keys.length))
    ]
  ]
  return candidates.reduce((worst, c) => (c[1] > worst[1] ? c : worst))
}
