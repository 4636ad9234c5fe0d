import { describe, expect, it } from 'vitest'
import { ContinuousBucket } from '@shared/ratelimit/bucket'
import { HeaderLearning } from '../../../src/core/scheduler/header-learning'

/** A lane's two buckets (600 requests a minute, a one-second burst) and what their headers teach. */
function lane() {
  let now = 0
  const clock = () => now
  const requests = new ContinuousBucket(600, 1, clock)
  const tokens = new ContinuousBucket(1_000_000, 1, clock)
  const learning = new HeaderLearning(requests, tokens, clock)
  let seq = 0
  /** One request sent now, answered `latencyMs` later with this `remaining`. */
  const exchange = (remaining: number, latencyMs = 0) => {
    const ticket = { seq: ++seq, sentAt: now, charge: 100 }
    requests.take(1)
    tokens.take(100)
    learning.sent(ticket)
    now += latencyMs
    learning.learn({ limitRequests: 600, remainingRequests: remaining }, ticket)
  }
  return { requests, learning, exchange, advance: (ms: number) => (now += ms) }
}

describe('what remaining says, on the scale the server counts it', () => {
  it('counted against the window: what the window has left lowers the bucket at once', () => {
    const { requests, exchange } = lane()
    // Our bucket thinks 9 of 10 are left after one request; the server's window has 2.
    exchange(2)
    expect(requests.levelNow()).toBeCloseTo(2, 5)
    // Read on the minute's scale, 2 of 600 would have emptied it (0.03 of a request).
  })

  it('a report above what a burst holds is minute-scaled from then on', () => {
    const { requests, exchange } = lane()
    exchange(540)
    // 540 of 600 a minute is nine tenths of the bucket: 9 of 10, as our own count says.
    expect(requests.levelNow()).toBeCloseTo(9, 5)
    exchange(6)
    // Now 6 is 6 of 600: a hundredth of the bucket.
    expect(requests.levelNow()).toBeLessThan(0.2)
  })

  it('keeps only the tickets its readings still need, however long the run', () => {
    const { learning, exchange, advance } = lane()
    for (let i = 0; i < 10_000; i++) {
      exchange(5, 100)
      advance(100)
    }
    // Before: with `remaining` never read on the minute's scale, every ticket was kept, and
    // each report filtered them all (10,000 here, a 100,000-photo job's worth in the field).
    expect(learning.ticketsHeld).toBeLessThan(100)
  })
})
