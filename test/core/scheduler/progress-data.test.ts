import { describe, expect, it } from 'vitest'
import { toJobProgress } from '../../../src/core/scheduler/progress-data'
import type { ProgressUpdate } from '../../../src/core/scheduler/progress-feed'
import { completion } from '../../helpers/fake-transport'

const totals = {
  total: 3,
  done: 1,
  failed: 0,
  inFlight: 1,
  retrying: 1,
  tokensIn: 10,
  tokensOut: 5,
  costUsd: 0.001,
  possiblyPaidTwice: 0,
  throughputPerMin: 6
}

describe('progress that can cross IPC', () => {
  it('has durations instead of clock readings, codes instead of sentences, and no SDK objects', () => {
    const update: ProgressUpdate = {
      items: [
        {
          id: 'p1',
          state: {
            status: 'done',
            keyId: 'k',
            attempts: 1,
            latencyMs: 900,
            completion: completion('A mug.')
          }
        },
        {
          id: 'p2',
          state: {
            status: 'retrying',
            at: 13_000,
            reason: 'rate limit (Main)',
            cause: 'rate_limit',
            keyId: 'k'
          }
        }
      ],
      keys: [
        {
          id: 'k',
          label: 'Main',
          rpm: 500,
          tpm: 30_000,
          limitsFrom: 'headers',
          coolingDownUntil: 13_000,
          coolingCause: 'rate_limit',
          coolingLimit: 'tokens',
          inFlight: 1,
          concurrencyCap: 4,
          rateLimitHits: 1
        }
      ],
      totals
    }
    const progress = toJobProgress(update, 1_000)
    expect(progress.items).toEqual([
      { id: 'p1', status: 'done', keyId: 'k', attempts: 1, latencyMs: 900 },
      { id: 'p2', status: 'retrying', retryInMs: 12_000, cause: 'rate_limit', keyId: 'k' }
    ])
    expect(progress.keys[0]).toMatchObject({
      coolingInMs: 12_000,
      coolingCause: 'rate_limit',
      coolingLimit: 'tokens',
      stopped: false
    })
    expect(JSON.parse(JSON.stringify(progress))).toEqual(progress)
  })
})
