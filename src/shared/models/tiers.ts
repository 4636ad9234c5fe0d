import { findModel, type RateLimits } from './catalog'

/**
 * OpenAI's published usage-tier ladders (tiers 1–5) for the two shapes of vision model limits:
 * the large models (gpt-4o, gpt-4.1: 30,000 tokens/min at tier 1) and the small ones (the minis:
 * 200,000 at tier 1). A model whose tier 1 matches neither offers tier 1 only; the headers and
 * "custom" cover the rest.
 */
const LADDERS: readonly { rpm: number[]; tpm: number[]; batchQueue: number[] }[] = [
  {
    rpm: [500, 5_000, 5_000, 10_000, 10_000],
    tpm: [30_000, 450_000, 800_000, 2_000_000, 30_000_000],
    batchQueue: [90_000, 1_350_000, 50_000_000, 200_000_000, 5_000_000_000]
  },
  {
    rpm: [500, 5_000, 5_000, 10_000, 30_000],
    tpm: [200_000, 2_000_000, 4_000_000, 10_000_000, 150_000_000],
    batchQueue: [2_000_000, 20_000_000, 40_000_000, 1_000_000_000, 15_000_000_000]
  }
]

/** The tiers Settings can offer for a model, 1-based, with their limits. */
export function tierPresets(modelId: string): { tier: number; limits: RateLimits }[] {
  const tier1 = findModel(modelId)?.tier1Limits
  if (!tier1) return []
  const ladder = LADDERS.find((l) => l.rpm[0] === tier1.rpm && l.tpm[0] === tier1.tpm)
  if (!ladder) return [{ tier: 1, limits: tier1 }]
  return ladder.rpm.map((rpm, i) => ({ tier: i + 1, limits: { rpm, tpm: ladder.tpm[i] } }))
}

/** One tier's limits for a model, or null when the catalog has none for it. */
export function tierLimits(modelId: string, tier: number): RateLimits | null {
  return tierPresets(modelId).find((p) => p.tier === tier)?.limits ?? null
}

/**
 * The Batch API's enqueued-token limit for a model at a tier (tier 1 when not known), or null when
 * the catalog has none: then the first refusal that names it teaches it.
 */
export function batchQueueLimit(modelId: string, tier = 1): number | null {
  const tier1 = findModel(modelId)?.tier1Limits
  if (!tier1) return null
  const ladder = LADDERS.find((l) => l.rpm[0] === tier1.rpm && l.tpm[0] === tier1.tpm)
  return ladder?.batchQueue[tier - 1] ?? tier1.batchQueueTokens
}
