import { describe, expect, it } from 'vitest'
import type { RequestFailure } from '../../../src/core/openai/failure'
import { harness, key, statuses } from './helpers'

const rateLimit = (retryAfterMs?: number, limits?: { limitRequests: number }): RequestFailure => ({
  kind: 'rate_limit',
  message: 'Rate limit reached',
  limit: 'requests',
  retryAfterMs,
  rateLimits: limits ?? null
})

describe('scheduler: 429 rate limits', () => {
  it('pauses every worker of the key until retry-after, and retries the item first without counting a failure', async () => {
    let refused = 0
    const h = harness(
      [key('a', 6000)],
      (call) =>
        call.itemId === 'item-3' && refused++ < 6
          ? { failure: rateLimit(2000) }
          : { latencyMs: 100 },
      { maxAttempts: 2 }
    )
    const outcome = await h.run(20)
    expect(outcome).toEqual({ status: 'completed' })
    expect(statuses(h, 20).every((s) => s === 'done')).toBe(true)
    const firstRefusal = h.calls.find((c) => c.itemId === 'item-3')!.at
    const duringPause = h.calls.filter((c) => c.at > firstRefusal && c.at < firstRefusal + 2000)
    expect(duringPause).toEqual([])
    const afterPause = h.calls.filter((c) => c.at >= firstRefusal + 2000)
    expect(afterPause[0].itemId).toBe('item-3')
    expect(h.calls.filter((c) => c.itemId === 'item-3')).toHaveLength(7)
    expect(h.scheduler.keys()[0].rateLimitHits).toBe(6)
  })

  it('waits a growing default when the 429 names no time', async () => {
    let refused = 0
    const h = harness(
      [key('a', 6000)],
      (call) => (call.itemId === 'item-0' && refused++ < 3 ? { failure: rateLimit() } : {}),
      { defaultRetryAfterMs: 1000 }
    )
    await h.run(1)
    expect(h.calls.map((c) => c.at)).toEqual([10, 1010, 3010, 7010])
  })

  it('shows the key cooling down, with the reason, while it waits', async () => {
    const h = harness([key('a', 6000)], (call) =>
      call.itemId === 'item-0' && call.at < 100 ? { failure: rateLimit(12_000) } : {}
    )
    h.scheduler.add([
      { id: 'item-0', body: { model: 'm', messages: [], user: 'item-0' }, chargeTokens: 1 }
    ])
    await h.clock.advance(50)
    const [snapshot] = h.scheduler.keys()
    expect(snapshot.coolingDownUntil).toBe(12_010)
    expect(snapshot).toMatchObject({ coolingLimit: 'requests', coolingCause: 'rate_limit' })
    expect(h.scheduler.state('item-0')).toMatchObject({
      status: 'retrying',
      at: 12_010,
      reason: 'rate limit (A)'
    })
  })

  it('learns the real limits from headers when Settings claim 4× too much', async () => {
    const h = harness([key('a', 2400)], () => ({
      latencyMs: 50,
      rateLimits: { limitRequests: 600, remainingRequests: 5 }
    }))
    await h.run(30)
    expect(h.scheduler.keys()[0]).toMatchObject({ rpm: 600, limitsFrom: 'headers' })
    const late = h.calls.slice(10).map((c) => c.at)
    expect(Math.min(...late.slice(1).map((t, i) => t - late[i]))).toBeGreaterThanOrEqual(99)
  })
})

describe('scheduler: error classes', () => {
  it('stops the job on insufficient_quota, keeping results, leaving the rest queued', async () => {
    const h = harness([key('a', 600)], (_call, calls) =>
      calls.length > 5
        ? { failure: { kind: 'quota', message: 'out of credit' } }
        : { latencyMs: 10 }
    )
    const outcome = await h.run(10)
    expect(outcome).toEqual({ status: 'stopped', reason: 'out of credit', kind: 'quota' })
    const final = statuses(h, 10)
    expect(final.filter((s) => s === 'done')).toHaveLength(5)
    expect(final.filter((s) => s === 'queued')).toHaveLength(5)
    expect(h.scheduler.keys()[0].stoppedReason).toBe('out of credit')
  })

  it('moves a quota-stopped key’s items to the other keys and finishes', async () => {
    const h = harness([key('a', 600), key('b', 600)], (call) =>
      call.keyId === 'a' ? { failure: { kind: 'quota', message: 'a is out' } } : { latencyMs: 10 }
    )
    expect(await h.run(12)).toEqual({ status: 'completed' })
    expect(statuses(h, 12).every((s) => s === 'done')).toBe(true)
    expect(h.calls.filter((c) => c.keyId === 'a')).toHaveLength(1)
  })

  it('stops on a refused key (401)', async () => {
    const h = harness([key('a', 600)], () => ({
      failure: { kind: 'auth', status: 401, message: 'The API key was refused' }
    }))
    expect(await h.run(3)).toMatchObject({ status: 'stopped', kind: 'auth' })
    expect(h.calls).toHaveLength(1)
  })

  it('fails invalid images and too-large requests at once, without retrying', async () => {
    const h = harness([key('a', 600)], (call) =>
      call.itemId === 'item-1'
        ? { failure: { kind: 'invalid', status: 400, message: 'unsupported image' } }
        : call.itemId === 'item-2'
          ? { failure: { kind: 'too_large', message: 'Request too large' } }
          : {}
    )
    expect(await h.run(4)).toEqual({ status: 'completed' })
    expect(statuses(h, 4)).toEqual(['done', 'failed', 'failed', 'done'])
    expect(h.scheduler.state('item-1')).toMatchObject({ reason: 'unsupported image', attempts: 1 })
    expect(h.calls).toHaveLength(4)
  })

  it('retries transient failures with full-jitter backoff, then succeeds', async () => {
    let failures = 0
    const h = harness(
      [key('a', 60_000)],
      (call) =>
        call.itemId === 'item-0' && failures++ < 2
          ? { failure: { kind: 'transient', status: 503, message: 'overloaded' } }
          : {},
      { backoffBaseMs: 1000, random: () => 1 }
    )
    await h.run(1)
    expect(h.calls.map((c) => c.at)).toEqual([1, 1001, 3001])
    expect(h.scheduler.state('item-0')).toMatchObject({ status: 'done', attempts: 3 })
  })

  it('gives up after maxAttempts with the last reason', async () => {
    const h = harness(
      [key('a', 60_000)],
      () => ({ failure: { kind: 'transient', message: 'The connection failed (ECONNRESET).' } }),
      { maxAttempts: 3 }
    )
    await h.run(1)
    expect(h.calls).toHaveLength(3)
    expect(h.scheduler.state('item-0')).toMatchObject({
      status: 'failed',
      kind: 'transient',
      reason: 'The connection failed (ECONNRESET). (gave up after 3 attempts)'
    })
  })

  it('shortens the timeout to 8 × p95 latency once it knows the latencies', async () => {
    const h = harness([key('a', 600)], () => ({ latencyMs: 1000 }), {
      requestTimeoutMs: 120_000,
      minTimeoutMs: 5000
    })
    await h.run(25)
    expect(h.calls[0].timeoutMs).toBe(120_000)
    expect(h.calls[24].timeoutMs).toBe(8000)
  })
})

describe('scheduler: controls', () => {
  it('pauses and resumes: nothing starts while paused', async () => {
    const h = harness([key('a', 600)], () => ({ latencyMs: 10 }))
    h.scheduler.add(
      Array.from({ length: 10 }, (_, i) => ({
        id: `item-${i}`,
        body: { model: 'm', messages: [], user: `item-${i}` },
        chargeTokens: 1
      }))
    )
    h.scheduler.endInput()
    await h.clock.advance(350)
    h.scheduler.pause()
    const before = h.calls.length
    await h.clock.advance(5000)
    expect(h.calls.length).toBe(before)
    h.scheduler.resume()
    expect(await h.clock.runUntil(h.scheduler.done)).toEqual({ status: 'completed' })
    expect(statuses(h, 10).every((s) => s === 'done')).toBe(true)
  })

  it('cancels: in-flight requests are aborted and unfinished items stay queued', async () => {
    const h = harness([key('a', 6000)], () => ({ latencyMs: 10_000 }))
    h.scheduler.add(
      Array.from({ length: 10 }, (_, i) => ({
        id: `item-${i}`,
        body: { model: 'm', messages: [], user: `item-${i}` },
        chargeTokens: 1
      }))
    )
    await h.clock.advance(55)
    expect(h.calls.length).toBe(5)
    h.scheduler.cancel()
    expect(await h.clock.runUntil(h.scheduler.done)).toEqual({ status: 'cancelled' })
    expect(statuses(h, 10).every((s) => s === 'queued')).toBe(true)
    expect(h.calls.length).toBe(5)
  })

  it('applies new limits while running', async () => {
    const h = harness([key('a', 600)], () => ({}))
    h.scheduler.add(
      Array.from({ length: 20 }, (_, i) => ({
        id: `item-${i}`,
        body: { model: 'm', messages: [], user: `item-${i}` },
        chargeTokens: 1
      }))
    )
    h.scheduler.endInput()
    await h.clock.advance(1000)
    h.scheduler.setKeyLimits('a', { rpm: 60 })
    const before = h.calls.length
    await h.clock.advance(3000)
    expect(h.calls.length - before).toBeLessThanOrEqual(3)
  })
})
