import { describe, expect, it } from 'vitest'
import { progressJson, progressLine } from '../../src/cli/run/progress-line'
import type { JobProgress } from '@shared/domain/progress'

const update: JobProgress = {
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
      stopped: false,
      coolingInMs: 11_500,
      coolingCause: 'rate_limit',
      coolingLimit: 'tokens'
    }
  ]
}

describe('CLI progress', () => {
  it('shows counts, throughput, ETA, spend and which key is cooling down after a 429', () => {
    expect(progressLine(update)).toBe(
      '[■■■■■■■■■■··········] 20/40 · 18 done · 2 failed · 38/min · ETA 60 s · spent $0.01 · cooling down 12 s (429, key Main)'
    )
  })
  it('writes the same as a JSON line', () => {
    expect(JSON.parse(progressJson(update))).toMatchObject({
      event: 'progress',
      done: 18,
      failed: 2,
      perMin: 38,
      cooling: [{ key: 'Main', seconds: 12, cause: 'rate_limit', limit: 'tokens' }]
    })
  })
  it('says when a key cannot reach the API and when it tries again', () => {
    const down = { ...update, keys: [{ ...update.keys[0], coolingCause: 'network' as const }] }
    expect(progressLine(down)).toContain("can't reach the API — trying again in 12 s (key Main)")
  })
})
