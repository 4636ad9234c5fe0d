import { describe, expect, it } from 'vitest'
import { progressJson, progressLine } from '../../src/cli/run/progress-line'
import type { ProgressUpdate } from '../../src/main/core/scheduler/progress-feed'

const update: ProgressUpdate = {
  items: [],
  totals: {
    total: 40,
    done: 18,
    failed: 2,
    inFlight: 5,
    retrying: 1,
    tokensIn: 9000,
    tokensOut: 800,
    costUsd: 0.0123,
    possiblyPaidTwice: 0,
    throughputPerMin: 38,
    etaMs: 60_000
  },
  keys: [
    {
      id: 'k',
      label: 'Main',
      rpm: 500,
      tpm: 30_000,
      limitsFrom: 'headers',
      inFlight: 5,
      concurrencyCap: 12,
      rateLimitHits: 3,
      coolingDownUntil: 12_000,
      coolingReason: 'tokens per minute'
    }
  ]
}

describe('CLI progress', () => {
  it('shows counts, throughput, ETA, spend and which key is cooling down after a 429', () => {
    expect(progressLine(update, 500)).toBe(
      '[■■■■■■■■■■··········] 20/40 · 18 done · 2 failed · 38/min · ETA 60 s · spent $0.01 · cooling down 12 s (429, key Main)'
    )
  })
  it('writes the same as a JSON line', () => {
    expect(JSON.parse(progressJson(update, 500))).toMatchObject({
      event: 'progress',
      done: 18,
      failed: 2,
      perMin: 38,
      cooling: [{ key: 'Main', seconds: 12, reason: 'tokens per minute' }]
    })
  })
})
