import type { ProgressTotals } from '@shared/domain/progress'
import type { Clock } from './clock'
import type { SchedulerEvent } from './scheduler'
import type { ItemState } from './types'

/** Job-wide numbers for the progress bar and the CLI line (plain data, shared with the window). */
export type JobTotals = ProgressTotals

/** What was already finished before this run (a resumed job). */
export interface TotalsBaseline {
  total: number
  done: number
  failed: number
  tokensIn: number
  tokensOut: number
  costUsd: number
}

type Usage = { promptTokens: number; completionTokens: number; costUsd: number }

const WINDOW_MS = 60_000

/**
 * Keeps the totals. Finished items are counted when they are recorded (journaled), so what the
 * window shows is what would survive a crash; the scheduler's events give in-flight and retrying.
 */
export class JobTracker {
  private readonly live = new Map<string, ItemState['status']>()
  private readonly finishedAt: number[] = []
  private readonly startedAt: number
  private readonly sums: TotalsBaseline
  private possiblyPaidTwice = 0

  constructor(
    private readonly clock: Clock,
    baseline: TotalsBaseline
  ) {
    this.startedAt = clock.now()
    this.sums = { ...baseline }
  }

  /** Scheduler events: which items are in flight or waiting to retry. */
  observe(event: SchedulerEvent): void {
    if (event.type !== 'item') return
    if (event.state.status === 'retrying' && event.state.cause === 'timeout')
      this.possiblyPaidTwice++
    this.live.set(event.id, event.state.status)
  }

  /** An answer was kept; `replaced` is the item's earlier answer (kept for review, then re-asked). */
  recordDone(usage: Usage, replaced?: Usage): void {
    if (replaced) this.addUsage(replaced, -1)
    else {
      this.sums.done++
      this.finishedAt.push(this.clock.now())
    }
    this.addUsage(usage, 1)
  }

  /** An item failed; `wasted` is what its unusable answers cost. */
  recordFailed(wasted?: Usage): void {
    this.sums.failed++
    this.finishedAt.push(this.clock.now())
    if (wasted) this.addUsage(wasted, 1)
  }

  private addUsage(usage: Usage, sign: 1 | -1): void {
    this.sums.tokensIn += sign * usage.promptTokens
    this.sums.tokensOut += sign * usage.completionTokens
    this.sums.costUsd += sign * usage.costUsd
  }

  totals(): JobTotals {
    const now = this.clock.now()
    while (this.finishedAt.length > 0 && this.finishedAt[0] < now - WINDOW_MS)
      this.finishedAt.shift()
    const span = Math.min(WINDOW_MS, Math.max(1, now - this.startedAt))
    const throughputPerMin = (this.finishedAt.length / span) * 60_000
    const remaining = this.sums.total - this.sums.done - this.sums.failed
    let inFlight = 0
    let retrying = 0
    for (const status of this.live.values()) {
      if (status === 'in_flight') inFlight++
      if (status === 'retrying') retrying++
    }
    return {
      ...this.sums,
      inFlight,
      retrying,
      possiblyPaidTwice: this.possiblyPaidTwice,
      throughputPerMin,
      etaMs: throughputPerMin > 0 ? (remaining / throughputPerMin) * 60_000 : undefined
    }
  }
}
