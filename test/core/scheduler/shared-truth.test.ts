import { describe, expect, it } from 'vitest'
import { ContinuousBucket } from '@shared/ratelimit/bucket'
import { SharedTruth, type Sent } from '../../../src/core/scheduler/shared-truth'

/**
 * One key of 600 requests/min (a one-second burst) on a server; we send whenever our bucket lets
 * us, each answer (with the server's remaining count at admission) comes back 300 ms later; an
 * `other` process takes from the same key at its own pace, unseen. Returns our send rate and the
 * share of our requests the server refused, and what the other got. `counted`: the server reports
 * `remaining` scaled to the minute, or against its one-second window (read in the bucket's units).
 */
function simulate(
  otherPerSecond: number,
  seconds = 20,
  atAnswer = false,
  counted: 'minute' | 'window' = 'minute'
) {
  let now = 0
  const clock = () => now
  const server = new ContinuousBucket(600, 1, clock)
  // With `atAnswer`, ours opens four fifths full, as the scheduler's lanes do.
  const ours = new ContinuousBucket(600, 1, clock, atAnswer ? 0.8 : 1)
  const truth = new SharedTruth(ours, clock, true)
  const sends: (Sent & { remaining: number; answerAt: number })[] = []
  let seq = 0
  let refused = 0
  let nextOther = 0
  let otherTook = 0
  let otherBacklog = 0
  let mostOthers = 0
  const left = () => (counted === 'window' ? server.remainingInWindow() : server.remaining())
  for (; now < seconds * 1000; now += 5) {
    // The other process wants `otherPerSecond` and keeps a backlog of what it could not send.
    if (otherPerSecond > 0 && now >= nextOther) {
      otherBacklog++
      nextOther += 1000 / otherPerSecond
    }
    if (otherBacklog > 0 && server.waitFor(1) === 0) {
      server.take(1)
      otherTook++
      otherBacklog--
    }
    for (const sent of sends.filter((s) => s.answerAt === now)) {
      if (sent.refused) ours.refund(1)
      const remaining = atAnswer ? left() : sent.remaining
      truth.apply(remaining, counted === 'window' ? 10 : 600, sent.sentAt, sent.seq, sends)
      mostOthers = Math.max(mostOthers, truth.othersPerMinute)
    }
    if (ours.waitFor(1) === 0) {
      ours.take(1)
      const admitted = server.waitFor(1) === 0
      if (admitted) server.take(1)
      else refused++
      sends.push({
        seq: ++seq,
        charge: 1,
        refused: !admitted,
        sentAt: now,
        remaining: left(),
        // With `atAnswer`, answers take 100–495 ms, and report what is left when they leave.
        answerAt: now + (!admitted ? 20 : atAnswer ? 100 + ((seq * 37) % 80) * 5 : 300)
      })
    }
  }
  return {
    perSecond: (seq - refused) / seconds,
    otherPerSecond: otherTook / seconds,
    refusedShare: refused / seq,
    othersPerMinute: truth.othersPerMinute,
    mostOthers
  }
}

describe('the headers as the truth a key’s users share', () => {
  it('alone, takes the whole limit and sees nobody else', () => {
    const alone = simulate(0)
    expect(alone.perSecond).toBeGreaterThan(9.5)
    expect(alone.othersPerMinute).toBe(0)
    expect(alone.refusedShare).toBe(0)
  })

  it('alone, with `remaining` as the answer leaves, reads no others in its own timing', () => {
    // Before: each window's measure was clipped at zero and the opening burst's window counted,
    // so a run alone thought others took a share of the key (here 20 a minute) and paced slower.
    const alone = simulate(0, 20, true)
    expect(alone.mostOthers).toBeLessThan(600 * 0.01)
    expect(alone.perSecond).toBeGreaterThan(9.5)
    expect(alone.refusedShare).toBe(0)
  })

  it('beside another process, answers leaving late, still measures what it takes', () => {
    const shared = simulate(5, 20, true)
    expect(shared.othersPerMinute).toBeGreaterThan(shared.otherPerSecond * 60 * 0.6)
    expect(shared.perSecond + shared.otherPerSecond).toBeLessThanOrEqual(10.5)
  })

  it('beside another process, measures what it takes and leaves it that', () => {
    const shared = simulate(5)
    const otherPerMinute = shared.otherPerSecond * 60
    expect(shared.otherPerSecond).toBeGreaterThan(3)
    expect(shared.othersPerMinute).toBeGreaterThan(otherPerMinute * 0.75)
    expect(shared.othersPerMinute).toBeLessThan(otherPerMinute * 1.5)
    // Together within the key's 10 a second; ours a share of the rest, not the whole limit.
    expect(shared.perSecond + shared.otherPerSecond).toBeLessThanOrEqual(10.5)
    expect(shared.perSecond).toBeLessThan(8)
  })

  it('counted against the window, alone: whole requests are noise, nobody else is seen', () => {
    for (const atAnswer of [false, true]) {
      const alone = simulate(0, 20, atAnswer, 'window')
      expect(alone.mostOthers).toBeLessThan(600 * 0.05)
      expect(alone.perSecond).toBeGreaterThan(9.5)
      expect(alone.refusedShare).toBe(0)
    }
  })

  it('counted against the window, beside another process: measures it and leaves it that', () => {
    const shared = simulate(5, 20, false, 'window')
    const otherPerMinute = shared.otherPerSecond * 60
    expect(shared.othersPerMinute).toBeGreaterThan(otherPerMinute * 0.6)
    expect(shared.othersPerMinute).toBeLessThan(otherPerMinute * 1.5)
    expect(shared.perSecond + shared.otherPerSecond).toBeLessThanOrEqual(10.5)
  })
})
