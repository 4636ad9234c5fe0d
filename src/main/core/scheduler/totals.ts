import type { CompletionUsage } from 'openai/resources/completions'
import type { Clock } from './clock'
import type { SchedulerEvent } from './scheduler'
import type { ItemState } from './types'

/** Job-wide numbers for the progress bar and the CLI line. */
export interface JobTotals {
  total: number
  done: number
  failed: number
  inFlight: number
  retrying: number
  tokensIn: number
  tokensOut: number
  costUsd: number
  /** Items finished per minute over the last minute. */
  throughputPerMin: number
  /** Milliseconds until the rest is done at the current throughput, when it can be said. */
  etaMs?: number
}

const WINDOW_MS = 60_000

/** Follows scheduler events and keeps the totals; `costOf` prices one answer's usage. */
export class JobTracker {
  private readonly status = new Map<string, ItemState['status']>()
  private readonly counts = new Map<ItemState['status'], number>()
  private readonly finishedAt: number[] = []
  private readonly startedAt: number
  private tokensIn = 0
  private tokensOut = 0
  private costUsd = 0

  constructor(
    private readonly clock: Clock,
    private readonly costOf: (usage: CompletionUsage) => number
  ) {
    this.startedAt = clock.now()
  }

  observe(event: SchedulerEvent): void {
    if (event.type !== 'item') return
    const before = this.status.get(event.id)
    if (before) this.counts.set(before, (this.counts.get(before) ?? 0) - 1)
    this.status.set(event.id, event.state.status)
    this.counts.set(event.state.status, (this.counts.get(event.state.status) ?? 0) + 1)
    if (event.state.status === 'done' || event.state.status === 'failed')
      this.finishedAt.push(this.clock.now())
    if (event.state.status === 'done' && event.state.completion.usage)
      this.addUsage(event.state.completion.usage)
  }

  totals(): JobTotals {
    const now = this.clock.now()
    while (this.finishedAt.length > 0 && this.finishedAt[0] < now - WINDOW_MS)
      this.finishedAt.shift()
    const span = Math.min(WINDOW_MS, Math.max(1, now - this.startedAt))
    const throughputPerMin = (this.finishedAt.length / span) * 60_000
    const done = this.count('done')
    const failed = this.count('failed')
    const remaining = this.status.size - done - failed
    return {
      total: this.status.size,
      done,
      failed,
      inFlight: this.count('in_flight'),
      retrying: this.count('retrying'),
      tokensIn: this.tokensIn,
      tokensOut: this.tokensOut,
      costUsd: this.costUsd,
      throughputPerMin,
      etaMs: throughputPerMin > 0 ? (remaining / throughputPerMin) * 60_000 : undefined
    }
  }

  private count(status: ItemState['status']): number {
    return this.counts.get(status) ?? 0
  }

  private addUsage(usage: CompletionUsage): void {
    this.tokensIn += usage.prompt_tokens
    this.tokensOut += usage.completion_tokens
    this.costUsd += this.costOf(usage)
  }
}
