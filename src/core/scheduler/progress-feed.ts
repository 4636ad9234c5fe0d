import type { Clock } from './clock'
import type { KeySnapshot } from './key-lane'
import type { SchedulerEvent } from './scheduler'
import type { JobTotals } from './totals'
import type { ItemState, JobOutcome } from './types'

/** One coalesced update: the items that changed since the last one, every key, the totals. */
export interface ProgressUpdate {
  items: { id: string; state: ItemState }[]
  keys: KeySnapshot[]
  totals: JobTotals
  outcome?: JobOutcome
}

/**
 * Coalesces scheduler events into at most one update per `intervalMs` (the window and the CLI
 * need ~10 a second, not one per request); the job's end is sent at once.
 */
export function createProgressFeed(
  clock: Clock,
  intervalMs: number,
  read: { keys: () => KeySnapshot[]; totals: () => JobTotals },
  emit: (update: ProgressUpdate) => void
): (event: SchedulerEvent | { type: 'tick' }) => void {
  const changed = new Map<string, ItemState>()
  let timer: unknown = null
  const flush = (outcome?: JobOutcome): void => {
    if (timer !== null) clock.clearTimeout(timer)
    timer = null
    const items = [...changed].map(([id, state]) => ({ id, state }))
    changed.clear()
    emit({ items, keys: read.keys(), totals: read.totals(), outcome })
  }
  return (event) => {
    if (event.type === 'item') changed.set(event.id, event.state)
    if (event.type === 'job') return flush(event.outcome)
    timer ??= clock.setTimeout(() => flush(), intervalMs)
  }
}
