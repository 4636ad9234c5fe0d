import { describe, expect, it } from 'vitest'
import { estimateSummary, formatApproxDuration, formatUsd } from '@shared/format/estimate-summary'

describe('estimate words', () => {
  it('formats money and time the way the window shows them', () => {
    expect(formatUsd(1.9)).toBe('$1.90')
    expect(formatUsd(0.0042)).toBe('$0.0042')
    expect(formatApproxDuration(14 * 60_000)).toBe('≈ 14 min')
    expect(formatApproxDuration(45_000)).toBe('≈ 45 s')
    expect(formatApproxDuration(130 * 60_000)).toBe('≈ 2 h 10 min')
  })

  it('writes the mission sentence', () => {
    expect(
      estimateSummary({
        costStandard: 1.9,
        costBatch: 0.95,
        durationMs: 14 * 60_000,
        binding: 'tokens per minute'
      })
    ).toBe('≈ $1.90, ≈ 14 min at your limits (tokens/min binds); Batch API: ≈ $0.95 within 24 h')
  })
})
