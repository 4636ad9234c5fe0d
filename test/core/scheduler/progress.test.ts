import { describe, expect, it } from 'vitest'
import { createProgressFeed, type ProgressUpdate } from '../../../src/core/scheduler/progress-feed'
import type { SchedulerEvent } from '../../../src/core/scheduler/scheduler'
import { JobTracker } from '../../../src/core/scheduler/totals'
import { harness, key } from './helpers'

describe('job totals and the coalesced progress feed', () => {
  it('counts tokens, cost and throughput from recorded answers, and coalesces updates to one per 100 ms', async () => {
    const updates: ProgressUpdate[] = []
    let tracker: JobTracker | undefined
    let feed: ((event: SchedulerEvent) => void) | undefined
    const h = harness(
      [key('a', 600)],
      () => ({ latencyMs: 50 }),
      {},
      (event, clock) => {
        tracker ??= new JobTracker(clock, {
          total: 30,
          done: 0,
          failed: 0,
          tokensIn: 0,
          tokensOut: 0,
          costUsd: 0
        })
        feed ??= createProgressFeed(
          clock,
          100,
          { keys: () => h.scheduler.keys(), totals: () => tracker!.totals() },
          (u) => updates.push(u)
        )
        tracker.observe(event)
        if (event.type === 'item' && event.state.status === 'done') {
          const usage = event.state.completion.usage!
          const costUsd = usage.prompt_tokens * 1e-6 + usage.completion_tokens * 2e-6
          tracker.recordDone({
            promptTokens: usage.prompt_tokens,
            completionTokens: usage.completion_tokens,
            costUsd
          })
        }
        feed(event)
      }
    )
    const outcome = await h.run(30)
    expect(outcome).toEqual({ status: 'completed' })
    const last = updates.at(-1)!
    expect(last.outcome).toEqual({ status: 'completed' })
    expect(last.totals).toMatchObject({
      total: 30,
      done: 30,
      failed: 0,
      inFlight: 0,
      tokensIn: 3000,
      tokensOut: 600
    })
    expect(last.totals.costUsd).toBeCloseTo(30 * (100e-6 + 40e-6))
    expect(last.totals.throughputPerMin).toBeGreaterThan(500)
    // 30 items × 3 events each over ~3 s, but at most one update per 100 ms (+ the final one).
    expect(updates.length).toBeLessThanOrEqual(32)
    expect(h.events.length).toBeGreaterThan(90)
    const itemsSeen = new Set(updates.flatMap((u) => u.items.map((i) => i.id)))
    expect(itemsSeen.size).toBe(30)
  })
})
