import { describe, expect, it } from 'vitest'
import { resolveSchedulerOptions } from '../../../src/core/scheduler/types'
import { FakeClock } from '../../helpers/fake-clock'
import { harness, key, statuses } from './helpers'

const gaps = (times: number[]): number[] => times.slice(1).map((t, i) => t - times[i])

describe('scheduler pacing', () => {
  it('paces starts evenly at the RPM limit from the first request: no opening burst', async () => {
    const h = harness([key('a', 600)], () => ({ latencyMs: 50 }))
    const outcome = await h.run(40)
    expect(outcome).toEqual({ status: 'completed' })
    const starts = h.calls.map((c) => c.at)
    expect(starts[0]).toBe(100)
    expect(starts[39]).toBe(4000)
    const steady = gaps(starts)
    expect(Math.min(...steady)).toBeGreaterThanOrEqual(99)
    expect(Math.max(...steady)).toBeLessThanOrEqual(101)
    expect(statuses(h, 40).every((s) => s === 'done')).toBe(true)
  })

  it('opens with half a second’s share by default, then paces', async () => {
    const { startFraction } = resolveSchedulerOptions({ keys: [], clock: new FakeClock() })
    expect(startFraction).toBe(0.5)
    const h = harness([key('a', 600)], () => ({ latencyMs: 50 }), { startFraction })
    await h.run(8)
    expect(h.calls.map((c) => c.at)).toEqual([0, 0, 0, 0, 0, 100, 200, 300])
  })

  it('paces by tokens per minute when tokens bind, charging each request its estimate', async () => {
    const h = harness([key('a', 10_000, 6000)], () => ({ latencyMs: 10 }))
    await h.run(5, 100)
    expect(h.calls.map((c) => c.at)).toEqual([1000, 2000, 3000, 4000, 5000])
  })

  it('never starts more than it can cover: a request larger than TPM fails without being sent', async () => {
    const h = harness([key('a', 600, 500)], () => ({}))
    await h.run(2, 800)
    expect(h.calls).toHaveLength(0)
    const state = h.scheduler.state('item-0')
    expect(state).toMatchObject({ status: 'failed', kind: 'too_large' })
    expect(state?.status === 'failed' && state.reason).toContain('needs 800 tokens')
  })

  it('caps in-flight requests by rate × latency (Little’s law), not a constant', async () => {
    const h = harness([key('a', 6000)], () => ({ latencyMs: 2000 }))
    await h.run(600)
    // 100 req/s × 2 s = 200 needed in flight; the cap allows ~1.5× that, never unbounded.
    expect(h.maxInFlight()).toBeGreaterThanOrEqual(200)
    expect(h.maxInFlight()).toBeLessThanOrEqual(302)
    expect(h.clock.now()).toBeLessThanOrEqual(6000 + 2000 + 10)
  })

  it('respects the user maximum in flight', async () => {
    const h = harness([key('a', 6000)], () => ({ latencyMs: 2000 }), { maxConcurrency: 20 })
    await h.run(100)
    expect(h.maxInFlight()).toBe(20)
  })

  it('sends each item to the key with the soonest capacity', async () => {
    const h = harness([key('slow', 60), key('fast', 600)], () => ({ latencyMs: 10 }))
    await h.run(66)
    const fast = h.calls.filter((c) => c.keyId === 'fast').length
    expect(fast).toBeGreaterThanOrEqual(57)
    expect(fast).toBeLessThanOrEqual(61)
    expect(h.clock.now()).toBeLessThanOrEqual(6000 + 20)
  })
})
