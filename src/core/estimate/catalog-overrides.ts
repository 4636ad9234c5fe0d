import {
  MODEL_CATALOG,
  findModel,
  type ModelInfo,
  type ModelPrices,
  type RateLimits
} from '@shared/models/catalog'

/** A model's prices: the user's override from Settings where given, else the catalog's. */
export function resolvePrices(
  modelId: string,
  overrides: Record<string, Partial<ModelPrices>> = {}
): ModelPrices | null {
  const base = findModel(modelId)?.prices
  const override = overrides[modelId] ?? {}
  if (!base && Object.keys(override).length === 0) return null
  const input = override.input ?? base?.input ?? 0
  const output = override.output ?? base?.output ?? 0
  // An overridden standard price halves into Batch unless Batch is overridden too.
  return {
    input,
    output,
    cachedInput: override.cachedInput ?? base?.cachedInput ?? input,
    batchInput:
      override.batchInput ?? (override.input !== undefined || !base ? input / 2 : base.batchInput),
    batchOutput:
      override.batchOutput ??
      (override.output !== undefined || !base ? output / 2 : base.batchOutput)
  }
}

/** Limits to start a key at, and where they came from (a person is told when they are a guess). */
export interface StartingLimits extends RateLimits {
  /** `given`: Settings or flags; `catalog`: the model's published tier 1; `family`/`lowest`: a guess. */
  source: 'given' | 'catalog' | 'family' | 'lowest'
  /** For `family`: the models whose published limits were used. */
  from?: string[]
}

/**
 * A key's limits for a model: Settings where given, else the catalog's published tier-1 limits,
 * else the lowest tier-1 limits published for its family (`gpt-4.1-nano` → `gpt-4.1*`), else the
 * lowest published for any model. The scheduler corrects them from the response headers.
 */
export function resolveLimits(modelId: string, override: Partial<RateLimits> = {}): StartingLimits {
  const own = findModel(modelId)?.tier1Limits
  const family = own ? [] : familyOf(modelId)
  const pool = own ? [] : family.length > 0 ? family : MODEL_CATALOG.filter((m) => m.tier1Limits)
  const lowest = (pick: (l: RateLimits) => number): number =>
    Math.min(...pool.map((m) => pick(m.tier1Limits!)))
  const base = own ?? { rpm: lowest((l) => l.rpm), tpm: lowest((l) => l.tpm) }
  const rpm = override.rpm ?? base.rpm
  const tpm = override.tpm ?? base.tpm
  if (override.rpm && override.tpm) return { rpm, tpm, source: 'given' }
  if (own) return { rpm, tpm, source: 'catalog' }
  return family.length > 0
    ? { rpm, tpm, source: 'family', from: family.map((m) => m.id) }
    : { rpm, tpm, source: 'lowest' }
}

/** Catalog models with published limits whose id starts like `modelId` (`gpt-4.1-nano` → `gpt-4.1`). */
function familyOf(modelId: string): ModelInfo[] {
  const stem = modelId.replace(/-\d{4}-\d{2}-\d{2}$/, '').replace(/-[a-z]+$/, '')
  return MODEL_CATALOG.filter(
    (m) => m.tier1Limits && (m.id === stem || m.id.startsWith(`${stem}-`))
  )
}

/** USD for some input and output tokens at a model's standard (or Batch) prices per 1M tokens. */
export function tokenCost(
  prices: ModelPrices,
  inputTokens: number,
  outputTokens: number,
  batch = false,
  cache: { read?: number; written?: number } = {}
): number {
  const [input, output] = batch
    ? [prices.batchInput, prices.batchOutput]
    : [prices.input, prices.output]
  // Tokens read from the prompt cache are billed at the cached price (halved in Batch ⚠), tokens
  // written to it at the cache-write price where the model has one; the rest at the input price.
  const read = Math.min(cache.read ?? 0, inputTokens)
  const written = Math.min(cache.written ?? 0, inputTokens - read)
  const cachedPrice = batch ? prices.cachedInput / 2 : prices.cachedInput
  const writePrice = prices.cacheWrite ?? input
  const fresh = inputTokens - read - written
  return (fresh * input + read * cachedPrice + written * writePrice + outputTokens * output) / 1e6
}
