import type { ItemResult, JournalEvent } from './journal-events'

/** One photo of a job, as replay rebuilds it. */
export interface JobItem {
  id: string
  sha256: string
  bytes: number
  paths: string[]
  status: 'pending' | 'done' | 'failed'
  result?: ItemResult
  code?: string
  reason?: string
}

/** Everything the journal says about a job. */
export interface JobState {
  items: Map<string, JobItem>
  stopped?: { kind: string; reason: string }
  finished: boolean
}

/** Folds journal events into item states; the last word on an item wins. */
export function foldJournal(events: readonly JournalEvent[]): JobState {
  const state: JobState = { items: new Map(), finished: false }
  for (const event of events) applyEvent(state, event)
  return state
}

/** Applies one journal event to a job's state (replay, and live updates after an append). */
export function applyEvent(state: JobState, event: JournalEvent): void {
  switch (event.e) {
    case 'added':
      state.items.set(event.id, {
        id: event.id,
        sha256: event.sha256,
        bytes: event.bytes,
        paths: event.paths,
        status: 'pending'
      })
      break
    case 'rejected':
      state.items.set(event.id, {
        id: event.id,
        sha256: '',
        bytes: 0,
        paths: [event.path],
        status: 'failed',
        code: 'rejected',
        reason: event.reason
      })
      break
    case 'done':
      settle(state, event.id, {
        status: 'done',
        result: event.result,
        code: undefined,
        reason: undefined
      })
      break
    case 'failed':
      settle(state, event.id, { status: 'failed', code: event.code, reason: event.reason })
      break
    case 'edited': {
      const result = state.items.get(event.id)?.result
      if (result) Object.assign(result, { fields: event.fields, edited: true, review: undefined })
      break
    }
    case 'stopped':
      state.stopped = { kind: event.kind, reason: event.reason }
      state.finished = false
      break
    case 'finished':
      state.finished = true
      state.stopped = undefined
  }
}

function settle(state: JobState, id: string, change: Partial<JobItem>): void {
  const item = state.items.get(id)
  if (item) Object.assign(item, change)
}

/** Counts by status, for lists and summaries. */
export function countItems(state: JobState): {
  total: number
  done: number
  failed: number
  pending: number
} {
  const counts = { total: 0, done: 0, failed: 0, pending: 0 }
  for (const item of state.items.values()) {
    counts.total++
    counts[item.status]++
  }
  return counts
}

/** What a job's recorded answers used and cost so far (the baseline of a resumed run). */
export function jobSpend(state: JobState): {
  costUsd: number
  tokensIn: number
  tokensOut: number
} {
  const spend = { costUsd: 0, tokensIn: 0, tokensOut: 0 }
  for (const { result } of state.items.values()) {
    if (!result) continue
    spend.costUsd += result.costUsd
    spend.tokensIn += result.promptTokens
    spend.tokensOut += result.completionTokens
  }
  return spend
}
