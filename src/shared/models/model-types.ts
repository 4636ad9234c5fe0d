import type { ImageTokenMethod } from './image-tokens'

/** USD per 1M tokens. `batch*` are the Batch API prices (50 % of standard). */
export interface ModelPrices {
  input: number
  cachedInput: number
  output: number
  batchInput: number
  batchOutput: number
  /** Writing the prompt cache (GPT-5.6 on), where the API reports `cache_write_tokens`. */
  cacheWrite?: number
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
  /** No official image-token table: the rule is a third party's ⚠; answers' `usage` corrects it. */
  imageRuleAssumed?: true
  prices: ModelPrices
  tier1Limits?: TierOneLimits
  /** The effort the model uses when none is sent (for the record; the app sends its lowest). */
  defaultEffort?: string
  /** Context window and the longest answer, in tokens. */
  contextTokens?: number
  maxOutputTokens?: number
  /** The day OpenAI switches it off (`YYYY-MM-DD`); the endpoint's own `shutdown_date` wins. */
  shutdownDate?: string
  /** The model OpenAI names to move to. */
  replacement?: string
  /** Whether `service_tier: "flex"` takes it (Batch prices, slower answers). */
  flex: 'yes' | 'no' | 'unknown'
}

export type ReasoningEffort = 'none' | 'minimal' | 'low'
