import { findModel, type ModelPrices, type RateLimits } from '@shared/models/catalog'

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

/** A key's limits for a model: Settings where given, else the catalog's published tier-1 defaults. */
export function resolveLimits(
  modelId: string,
  override: Partial<RateLimits> = {}
): RateLimits | null {
  const base = findModel(modelId)?.tier1Limits
  const rpm = override.rpm ?? base?.rpm
  const tpm = override.tpm ?? base?.tpm
  return rpm && tpm ? { rpm, tpm } : null
}

/** USD for some input and output tokens at a model's standard (or Batch) prices per 1M tokens. */
export function tokenCost(
  prices: ModelPrices,
  inputTokens: number,
  outputTokens: number,
  batch = false
): number {
  const [input, output] = batch
    ? [prices.batchInput, prices.batchOutput]
    : [prices.input, prices.output]
  return (inputTokens * input + outputTokens * output) / 1e6
}
