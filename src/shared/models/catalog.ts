import type { ImageTokenMethod } from './image-tokens'

/** USD per 1M tokens. `batch*` are the Batch API prices (50 % of standard). */
export interface ModelPrices {
  input: number
  cachedInput: number
  output: number
  batchInput: number
  batchOutput: number
}

/** Published default limits for usage tier 1 (the dashboard's own values win). */
export interface RateLimits {
  rpm: number
  tpm: number
}

/** Tier-1 limits with the Batch API's queue: input tokens that may wait in batches at once. */
export interface TierOneLimits extends RateLimits {
  batchQueueTokens: number
}

/** Everything the app knows about one vision model. */
export interface ModelInfo {
  id: string
  /** Reasoning models reject `max_tokens` and any `temperature` but 1. */
  reasoning: boolean
  /** The lowest effort the model takes: copy from a photo needs no deliberation. */
  reasoningEffort?: ReasoningEffort
  imageTokens: ImageTokenMethod
  prices: ModelPrices
  tier1Limits?: TierOneLimits
}

export type ReasoningEffort = 'none' | 'minimal' | 'low'

/**
 * Hidden reasoning tokens come out of `max_completion_tokens`: what to add on top of the answer's
 * own budget at each effort (`allowance`), and what a copy task typically uses (`expected`, billed
 * as output, for estimates).
 */
export const REASONING_TOKENS: Record<ReasoningEffort, { allowance: number; expected: number }> = {
  none: { allowance: 0, expected: 0 },
  minimal: { allowance: 512, expected: 64 },
  low: { allowance: 2048, expected: 600 }
}

/**
 * The effort a model is asked for: its own lowest for a reasoning model (`low` when the catalog
 * names none), `none` for the others. One answer for the request body and every token budget.
 */
export function reasoningEffortOf(model: ModelInfo | undefined): ReasoningEffort {
  return model?.reasoning ? (model.reasoningEffort ?? 'low') : 'none'
}

/** When the figures below were taken (OpenAI pricing and vision pages, Aug–Nov 2026 snapshots). */
export const CATALOG_FIGURES_DATE = '2026-11-01'

const tile = (base: number, tileTokens: number): ImageTokenMethod => ({
  kind: 'tile',
  base,
  tile: tileTokens
})
const patch = (multiplier: number, budget = 1536): ImageTokenMethod => ({
  kind: 'patch',
  budget,
  multiplier
})
const prices = (input: number, cachedInput: number, output: number): ModelPrices => ({
  input,
  cachedInput,
  output,
  batchInput: input / 2,
  batchOutput: output / 2
})

/** Vision models with their image-token rules, prices and tier-1 limits (see docs/openai.md). */
export const MODEL_CATALOG: readonly ModelInfo[] = [
  {
    id: 'gpt-4o',
    reasoning: false,
    imageTokens: tile(85, 170),
    prices: prices(2.5, 1.25, 10),
    tier1Limits: { rpm: 500, tpm: 30_000, batchQueueTokens: 90_000 }
  },
  {
    id: 'gpt-4o-mini',
    reasoning: false,
    imageTokens: tile(2833, 5667),
    prices: prices(0.15, 0.075, 0.6),
    tier1Limits: { rpm: 500, tpm: 200_000, batchQueueTokens: 2_000_000 }
  },
  {
    id: 'gpt-4.1',
    reasoning: false,
    imageTokens: tile(85, 170),
    prices: prices(2, 0.5, 8),
    tier1Limits: { rpm: 500, tpm: 30_000, batchQueueTokens: 90_000 }
  },
  {
    id: 'gpt-4.1-mini',
    reasoning: false,
    imageTokens: patch(1.62),
    prices: prices(0.4, 0.1, 1.6),
    tier1Limits: { rpm: 500, tpm: 200_000, batchQueueTokens: 2_000_000 }
  },
  {
    id: 'gpt-4.1-nano',
    reasoning: false,
    imageTokens: patch(2.46),
    prices: prices(0.1, 0.025, 0.4)
  },
  {
    id: 'gpt-5',
    reasoning: true,
    reasoningEffort: 'minimal',
    imageTokens: tile(70, 140),
    prices: prices(1.25, 0.125, 10)
  },
  {
    id: 'gpt-5.1',
    reasoning: true,
    reasoningEffort: 'none',
    imageTokens: tile(70, 140),
    prices: prices(1.25, 0.125, 10)
  },
  {
    id: 'gpt-5-mini',
    reasoning: true,
    reasoningEffort: 'minimal',
    imageTokens: patch(1.62),
    prices: prices(0.25, 0.025, 2),
    tier1Limits: { rpm: 500, tpm: 500_000, batchQueueTokens: 5_000_000 }
  },
  {
    id: 'gpt-5-nano',
    reasoning: true,
    reasoningEffort: 'minimal',
    imageTokens: patch(2.46),
    prices: prices(0.05, 0.005, 0.4),
    tier1Limits: { rpm: 500, tpm: 200_000, batchQueueTokens: 2_000_000 }
  },
  {
    id: 'gpt-5.2',
    reasoning: true,
    reasoningEffort: 'none',
    imageTokens: patch(1),
    prices: prices(1.75, 0.175, 14)
  },
  {
    id: 'gpt-5.4',
    reasoning: true,
    reasoningEffort: 'none',
    imageTokens: patch(1, 2500),
    prices: prices(2.5, 0.25, 15)
  },
  {
    id: 'gpt-5.4-mini',
    reasoning: true,
    reasoningEffort: 'none',
    imageTokens: patch(1.62),
    prices: prices(0.75, 0.075, 4.5)
  },
  {
    id: 'gpt-5.4-nano',
    reasoning: true,
    reasoningEffort: 'none',
    imageTokens: patch(2.46),
    prices: prices(0.2, 0.02, 1.25)
  },
  // gpt-5.5 and the 5.6 family: patch multipliers are unpublished (1 assumed); high detail ≤ 2,500 patches.
  {
    id: 'gpt-5.5',
    reasoning: true,
    reasoningEffort: 'none',
    imageTokens: patch(1, 2500),
    prices: prices(5, 0.5, 30)
  },
  {
    id: 'gpt-5.6-luna',
    reasoning: true,
    reasoningEffort: 'none',
    imageTokens: patch(1, 2500),
    prices: prices(0.2, 0.02, 1.2)
  },
  {
    id: 'gpt-5.6-terra',
    reasoning: true,
    reasoningEffort: 'none',
    imageTokens: patch(1, 2500),
    prices: prices(2, 0.2, 12)
  },
  {
    id: 'gpt-5.6-sol',
    reasoning: true,
    reasoningEffort: 'none',
    imageTokens: patch(1, 2500),
    prices: prices(4, 0.4, 20)
  },
  {
    id: 'o3',
    reasoning: true,
    reasoningEffort: 'low',
    imageTokens: tile(75, 150),
    prices: prices(2, 0.5, 8)
  },
  {
    id: 'o4-mini',
    reasoning: true,
    reasoningEffort: 'low',
    imageTokens: patch(1.72),
    prices: prices(1.1, 0.275, 4.4)
  }
]

/** Looks a model up by id, accepting dated snapshots (`gpt-4o-2024-08-06` → `gpt-4o`). */
export function findModel(id: string): ModelInfo | undefined {
  const exact = MODEL_CATALOG.find((m) => m.id === id)
  if (exact) return exact
  const base = id.replace(/-\d{4}-\d{2}-\d{2}$/, '')
  return MODEL_CATALOG.find((m) => m.id === base)
}

/** How a model the catalog does not know is sized and estimated: like gpt-4o, the common tile model. */
export function fallbackModel(): ModelInfo {
  return findModel('gpt-4o')!
}
