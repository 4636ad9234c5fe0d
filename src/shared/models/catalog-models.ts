import type { ImageTokenMethod } from './image-tokens'
import type { ModelInfo, ModelPrices } from './model-types'

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
const prices = (
  input: number,
  cachedInput: number,
  output: number,
  cacheWrite?: number
): ModelPrices => ({
  input,
  cachedInput,
  output,
  batchInput: input / 2,
  batchOutput: output / 2,
  ...(cacheWrite === undefined ? {} : { cacheWrite })
})
/** Switched off on `date`; OpenAI names `replacement` (deprecations page, Dec 2026). */
const dies = (date: string, replacement?: string) => ({
  shutdownDate: date,
  ...(replacement ? { replacement } : {})
})
const BIG_CONTEXT = { contextTokens: 1_050_000, maxOutputTokens: 128_000 }

/** Vision models with their image-token rules, prices and tier-1 limits (see docs/openai.md). */
export const MODEL_CATALOG: readonly ModelInfo[] = [
  // The GPT-6 family (model pages, Dec 2026). No official image-token table: 32 px patches ×
  // 1.2 is a third party's figure ⚠, and answers' usage is the truth (see jobs/usage learning).
  {
    id: 'gpt-6-luna',
    reasoning: true,
    reasoningEffort: 'none',
    defaultEffort: 'medium',
    imageTokens: patch(1.2, 2500),
    imageRuleAssumed: true,
    prices: prices(0.1, 0.01, 0.5, 0.125),
    ...BIG_CONTEXT,
    flex: 'yes'
  },
  {
    id: 'gpt-6.1-terra',
    reasoning: true,
    reasoningEffort: 'none',
    defaultEffort: 'medium',
    imageTokens: patch(1.2, 2500),
    imageRuleAssumed: true,
    prices: prices(1, 0.05, 5, 1.25),
    ...BIG_CONTEXT,
    flex: 'yes'
  },
  {
    // ⚠ prices, effort and caps from a third-party tracker; Chat Completions support ⚠.
    id: 'gpt-6.1-sol',
    reasoning: true,
    reasoningEffort: 'low',
    imageTokens: patch(1.2, 2500),
    imageRuleAssumed: true,
    prices: prices(2, 0.1, 10),
    ...BIG_CONTEXT,
    flex: 'unknown'
  },
  {
    id: 'gpt-4o',
    reasoning: false,
    imageTokens: tile(85, 170),
    prices: prices(2.5, 1.25, 10),
    tier1Limits: { rpm: 500, tpm: 30_000, batchQueueTokens: 90_000 },
    ...dies('2027-01-14', 'gpt-6-luna'),
    flex: 'unknown'
  },
  {
    id: 'gpt-4o-mini',
    reasoning: false,
    imageTokens: tile(2833, 5667),
    prices: prices(0.15, 0.075, 0.6),
    tier1Limits: { rpm: 500, tpm: 200_000, batchQueueTokens: 2_000_000 },
    ...dies('2027-01-14', 'gpt-6-luna'),
    flex: 'unknown'
  },
  {
    id: 'gpt-4.1',
    reasoning: false,
    imageTokens: tile(85, 170),
    prices: prices(2, 0.5, 8),
    tier1Limits: { rpm: 500, tpm: 30_000, batchQueueTokens: 90_000 },
    ...dies('2027-01-14', 'gpt-6-luna'),
    flex: 'unknown'
  },
  {
    id: 'gpt-4.1-mini',
    reasoning: false,
    imageTokens: patch(1.62),
    prices: prices(0.4, 0.1, 1.6),
    tier1Limits: { rpm: 500, tpm: 200_000, batchQueueTokens: 2_000_000 },
    ...dies('2027-01-14', 'gpt-6-luna'),
    flex: 'unknown'
  },
  {
    id: 'gpt-4.1-nano',
    reasoning: false,
    imageTokens: patch(2.46),
    prices: prices(0.1, 0.025, 0.4),
    ...dies('2026-10-23', 'gpt-6-luna'),
    flex: 'no'
  },
  {
    id: 'gpt-5',
    reasoning: true,
    reasoningEffort: 'minimal',
    imageTokens: tile(70, 140),
    prices: prices(1.25, 0.125, 10),
    ...dies('2026-12-11', 'gpt-6.1-sol'),
    flex: 'yes'
  },
  {
    id: 'gpt-5.1',
    reasoning: true,
    reasoningEffort: 'none',
    imageTokens: tile(70, 140),
    prices: prices(1.25, 0.125, 10),
    // ⚠ the date is a third party's; no replacement named yet
    ...dies('2027-04-01'),
    flex: 'unknown'
  },
  {
    id: 'gpt-5-mini',
    reasoning: true,
    reasoningEffort: 'minimal',
    imageTokens: patch(1.62),
    prices: prices(0.25, 0.025, 2),
    tier1Limits: { rpm: 500, tpm: 500_000, batchQueueTokens: 5_000_000 },
    ...dies('2026-12-11', 'gpt-6.1-terra'),
    flex: 'yes'
  },
  {
    id: 'gpt-5-nano',
    reasoning: true,
    reasoningEffort: 'minimal',
    imageTokens: patch(2.46),
    prices: prices(0.05, 0.005, 0.4),
    tier1Limits: { rpm: 500, tpm: 200_000, batchQueueTokens: 2_000_000 },
    ...dies('2026-12-11', 'gpt-6-luna'),
    flex: 'unknown'
  },
  {
    id: 'gpt-5.2',
    reasoning: true,
    reasoningEffort: 'none',
    imageTokens: patch(1),
    prices: prices(1.75, 0.175, 14),
    flex: 'unknown'
  },
  {
    id: 'gpt-5.4',
    reasoning: true,
    reasoningEffort: 'none',
    imageTokens: patch(1, 2500),
    prices: prices(2.5, 0.25, 15),
    flex: 'unknown'
  },
  {
    id: 'gpt-5.4-mini',
    reasoning: true,
    reasoningEffort: 'none',
    imageTokens: patch(1.62),
    prices: prices(0.75, 0.075, 4.5),
    contextTokens: 400_000,
    maxOutputTokens: 128_000,
    flex: 'yes'
  },
  {
    id: 'gpt-5.4-nano',
    reasoning: true,
    reasoningEffort: 'none',
    imageTokens: patch(2.46),
    prices: prices(0.2, 0.02, 1.25),
    // ⚠ the date is a third party's; no replacement named yet
    ...dies('2027-04-01'),
    flex: 'unknown'
  },
  // gpt-5.5 and the 5.6 family: patch multipliers are unpublished (1 assumed); high detail ≤ 2,500 patches.
  {
    id: 'gpt-5.5',
    reasoning: true,
    reasoningEffort: 'none',
    imageTokens: patch(1, 2500),
    prices: prices(5, 0.5, 30),
    ...BIG_CONTEXT,
    flex: 'yes'
  },
  {
    id: 'gpt-5.6-luna',
    reasoning: true,
    reasoningEffort: 'none',
    imageTokens: patch(1, 2500),
    prices: prices(0.2, 0.02, 1.2, 0.25),
    ...BIG_CONTEXT,
    flex: 'yes'
  },
  {
    id: 'gpt-5.6-terra',
    reasoning: true,
    reasoningEffort: 'none',
    imageTokens: patch(1, 2500),
    prices: prices(2, 0.2, 12, 2.5),
    ...BIG_CONTEXT,
    flex: 'yes'
  },
  {
    id: 'gpt-5.6-sol',
    reasoning: true,
    reasoningEffort: 'none',
    imageTokens: patch(1, 2500),
    prices: prices(4, 0.4, 20, 5),
    flex: 'unknown'
  },
  {
    id: 'o3',
    reasoning: true,
    reasoningEffort: 'low',
    imageTokens: tile(75, 150),
    prices: prices(2, 0.5, 8),
    ...dies('2026-12-11', 'gpt-6.1-sol'),
    flex: 'yes'
  },
  {
    id: 'o4-mini',
    reasoning: true,
    reasoningEffort: 'low',
    imageTokens: patch(1.72),
    prices: prices(1.1, 0.275, 4.4),
    ...dies('2026-10-23', 'gpt-5.6-terra'),
    flex: 'no'
  }
]
