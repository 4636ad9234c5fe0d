/** Money as a person reads it: `$1.90`, `$0.0042` for fractions of a cent. */
export function formatUsd(amount: number): string {
  if (amount === 0) return '$0.00'
  if (amount < 0.01) return `$${amount.toPrecision(2)}`
  return `$${amount.toFixed(2)}`
}

/** A duration as "≈ 14 min", "≈ 45 s", "≈ 2 h 10 min". */
export function formatApproxDuration(ms: number): string {
  const seconds = Math.max(1, Math.round(ms / 1000))
  if (seconds < 90) return `≈ ${seconds} s`
  const minutes = Math.round(seconds / 60)
  if (minutes < 90) return `≈ ${minutes} min`
  return `≈ ${Math.floor(minutes / 60)} h ${minutes % 60} min`
}

const BINDING_WORDS: Record<string, string> = {
  'requests per minute': 'requests/min binds',
  'tokens per minute': 'tokens/min binds',
  'concurrency × latency': 'concurrency × latency binds'
}

/** "≈ $1.90, ≈ 14 min at your limits (tokens/min binds); Batch API: ≈ $0.95 within 24 h". */
export function estimateSummary(estimate: {
  costStandard: number | null
  costBatch: number | null
  durationMs: number
  binding: string
}): string {
  const time = `${formatApproxDuration(estimate.durationMs)} at your limits (${BINDING_WORDS[estimate.binding] ?? estimate.binding})`
  if (estimate.costStandard === null || estimate.costBatch === null)
    return `${time}; cost unknown for this model`
  return `≈ ${formatUsd(estimate.costStandard)}, ${time}; Batch API: ≈ ${formatUsd(estimate.costBatch)} within 24 h`
}

/** "Batch API: ≈ $0.95 · 1 file · within 24 h" (and how the enqueued-token limit paces a larger job). */
export function batchSummary(estimate: {
  costBatch: number | null
  batch: { files: number; rounds: number; queueLimit: number | null }
}): string {
  const { files, rounds, queueLimit } = estimate.batch
  const cost = estimate.costBatch === null ? 'cost unknown' : `≈ ${formatUsd(estimate.costBatch)}`
  const fileWords = `${files.toLocaleString('en')} file${files === 1 ? '' : 's'}`
  const limit = queueLimit === null ? null : queueLimit.toLocaleString('en')
  const time =
    rounds > 1
      ? `up to ${rounds} × 24 h (the enqueued-token limit of ${limit} binds: ${rounds} rounds)`
      : `within 24 h${limit ? ` (fits the enqueued-token limit of ${limit})` : ''}`
  return `Batch API: ${cost} · ${fileWords} · ${time}`
}

/** "Flex: ≈ $0.95, answers now but slower (Batch prices); waits when Flex has no capacity". */
export function flexSummary(estimate: { costFlex: number | null; cachedTokens?: number }): string {
  const cost = estimate.costFlex === null ? 'cost unknown' : `≈ ${formatUsd(estimate.costFlex)}`
  return `Flex: ${cost}, answers now but slower (Batch prices; waits when Flex has no capacity)`
}
