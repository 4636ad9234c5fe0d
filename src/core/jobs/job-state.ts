import { RETRYABLE_LATER } from '../openai/failure'
import { photoResult, photosOf } from './product-answer'
import { applyBatchEvent, emptyBatchState, type BatchState } from './batch-state'
import type { ItemResult, JournalEvent, Spend, Verdict } from './journal-events'

/** One photo of a job, as replay rebuilds it. */
export interface JobItem {
  id: string
  sha256: string
  bytes: number
  paths: string[]
  /** Its upright size, when ingest read it (the estimate then reads nothing). */
  size?: { width: number; height: number }
  status: 'pending' | 'done' | 'failed'
  result?: ItemResult
  code?: string
  reason?: string
  /** What answers that could not be used cost (kept across resumes, never refunded). */
  wasted?: Spend
  /** A person's judgement of the answer; a new answer clears it. */
  verdict?: Verdict
  /** A person asked for another answer with this note: the item is sent again, its answer kept meanwhile. */
  redo?: string
  /** The one field the person asked for again (the other fields of the answer stay). */
  redoField?: string
}

/** Everything the journal says about a job. */
export interface JobState {
  items: Map<string, JobItem>
  stopped?: { kind: string; reason: string }
  finished: boolean
  /** Batch mode: the job's batch files and batches. */
  batch: BatchState
}

/** Folds journal events into item states; the last word on an item wins. */
export function foldJournal(events: readonly JournalEvent[]): JobState {
  const state = emptyJobState()
  for (const event of events) applyEvent(state, event)
  return state
}

/** A job's state before any event (events are applied to it one by one). */
export function emptyJobState(): JobState {
  return { items: new Map(), finished: false, batch: emptyBatchState() }
}

/** Applies one journal event to a job's state (replay, and live updates after an append). */
export function applyEvent(state: JobState, event: JournalEvent): void {
  switch (event.e) {
    case 'added':
    case 'rejected':
      return void state.items.set(event.id, newItem(event))
    case 'done':
      return photosOf(event).forEach((id, i) => answer(state, id, photoResult(event, i)))
    case 'failed':
      for (const id of photosOf(event))
        settle(state, id, { status: 'failed', code: event.code, reason: event.reason })
      if (event.spend) addWasted(state, event.id, event.spend)
      return
    case 'edited':
    case 'verdict':
    case 'restored':
    case 'regenerate':
    case 'requeued':
      return applyPersonsChange(state, event)
    case 'removed':
      return void state.items.delete(event.id)
    case 'stopped':
      state.stopped = { kind: event.kind, reason: event.reason }
      state.finished = false
      return
    case 'finished':
      state.finished = true
      state.stopped = undefined
      return
    default:
      applyBatchEvent(state.batch, event)
  }
}

/** A photo answered: its result, clearing what was said about an earlier one. */
function answer(state: JobState, id: string, result: ItemResult): void {
  setAsideReplaced(state, id)
  settle(state, id, {
    status: 'done',
    result,
    code: undefined,
    reason: undefined,
    verdict: undefined,
    redo: undefined,
    redoField: undefined
  })
}

/** A person's change to an answered item: an edit, a verdict, an undo, a Retry. */
function applyPersonsChange(
  state: JobState,
  event: Extract<JournalEvent, { e: 'edited' | 'verdict' | 'restored' | 'regenerate' | 'requeued' }>
): void {
  switch (event.e) {
    case 'edited': {
      const result = state.items.get(event.id)?.result
      if (result)
        Object.assign(result, { fields: event.fields, edited: true, review: event.review })
      return
    }
    case 'verdict': {
      const item = state.items.get(event.id)
      if (item?.status === 'done') item.verdict = event.verdict ?? undefined
      return
    }
    case 'restored': {
      if (event.setAside) swapPaidAnswer(state, event.id, event.result)
      return settle(state, event.id, {
        status: 'done',
        result: event.result,
        code: undefined,
        reason: undefined,
        verdict: event.verdict ?? undefined,
        redo: undefined,
        redoField: undefined
      })
    }
    case 'regenerate':
      return askAgain(state, event.id, event.note, event.field)
    case 'requeued':
      return settle(state, event.id, {
        status: 'pending',
        code: undefined,
        reason: undefined,
        verdict: undefined
      })
  }
}

/** A person asked for another answer: sent again, the answer so far kept until it comes. */
function askAgain(state: JobState, id: string, note: string, field?: string): void {
  const item = state.items.get(id)
  if (item?.status === 'done')
    Object.assign(item, { redo: note, redoField: field, verdict: undefined })
}

/**
 * A regenerated answer arrives: the one it replaces was paid for, so its spend is kept. (Only
 * then: a re-asked answer's result already carries the spend of the answer it replaces.)
 */
function setAsideReplaced(state: JobState, id: string): void {
  const item = state.items.get(id)
  if (item?.redo !== undefined && item.result && !item.result.fromCache)
    addWasted(state, id, item.result)
}

/**
 * Undo of a regenerate whose new answer came: the new one is set aside (its spend kept) and the
 * old one, set aside when it was replaced, is the answer again (its spend leaves the set-aside).
 */
function swapPaidAnswer(state: JobState, id: string, restored: ItemResult): void {
  const item = state.items.get(id)
  if (!item?.result || item.redo !== undefined) return
  if (!item.result.fromCache) addWasted(state, id, item.result)
  if (!restored.fromCache) addWasted(state, id, negated(restored))
}

function negated(spend: Spend): Spend {
  return {
    costUsd: -spend.costUsd,
    promptTokens: -spend.promptTokens,
    completionTokens: -spend.completionTokens,
    cachedTokens: -(spend.cachedTokens ?? 0)
  }
}

/** An item as ingest recorded it: a photo to send, or a file refused with its reason. */
function newItem(event: Extract<JournalEvent, { e: 'added' | 'rejected' }>): JobItem {
  if (event.e === 'added')
    return {
      id: event.id,
      sha256: event.sha256,
      bytes: event.bytes,
      paths: event.paths,
      ...(event.size ? { size: event.size } : {}),
      status: 'pending'
    }
  return {
    id: event.id,
    sha256: '',
    bytes: 0,
    paths: [event.path],
    status: 'failed',
    code: 'rejected',
    reason: event.reason
  }
}

function addWasted(state: JobState, id: string, spend: Spend): void {
  const item = state.items.get(id)
  if (item) item.wasted = addSpend(item.wasted, spend)
}

/** Two spends added up (`a` may be missing). */
export function addSpend(a: Spend | undefined, b: Spend): Spend {
  return {
    costUsd: (a?.costUsd ?? 0) + b.costUsd,
    promptTokens: (a?.promptTokens ?? 0) + b.promptTokens,
    completionTokens: (a?.completionTokens ?? 0) + b.completionTokens,
    cachedTokens: (a?.cachedTokens ?? 0) + (b.cachedTokens ?? 0)
  }
}

function settle(state: JobState, id: string, change: Partial<JobItem>): void {
  const item = state.items.get(id)
  if (item) Object.assign(item, change)
}

/**
 * Whether a run sends this item: pending ones, answers a person asked to regenerate, and ones that
 * failed for a reason that was not the photo's (the network, a timeout, a server error).
 */
export function toSend(item: JobItem): boolean {
  return (
    item.status === 'pending' ||
    item.redo !== undefined ||
    (item.status === 'failed' && RETRYABLE_LATER.has(item.code ?? ''))
  )
}

/** Counts by status, for lists and summaries; `pendingIf` counts more items as still to do. */
export function countItems(
  state: JobState,
  pendingIf: (item: JobItem) => boolean = (item) => item.status === 'pending'
): ItemCounts {
  const counts = { total: 0, done: 0, failed: 0, pending: 0, review: 0, approved: 0, rejected: 0 }
  for (const item of state.items.values()) {
    counts.total++
    counts[pendingIf(item) ? 'pending' : item.status]++
    if (item.status !== 'done') continue
    if (item.verdict) counts[item.verdict]++
    else if (item.result?.review) counts.review++
  }
  return counts
}

/**
 * A job's photos by where they stand, the same everywhere (queue header, footer, jobs list,
 * export): `done` counts every answer kept; of those, `review` broke a rule and is not judged yet,
 * `approved` and `rejected` were judged by a person.
 */
export interface ItemCounts {
  total: number
  done: number
  failed: number
  pending: number
  review: number
  approved: number
  rejected: number
}

/** What a job's paid answers used and cost so far, kept or not (the baseline of a resumed run). */
export function jobSpend(state: JobState): {
  costUsd: number
  tokensIn: number
  tokensOut: number
  /** Of `tokensIn`, those read from the prompt cache (billed at the cached price). */
  tokensCached: number
  /** Answers that say they ran on Flex, and on another tier (a Flex job's fallbacks). */
  flexAnswers: number
  otherTierAnswers: number
} {
  const spend = {
    costUsd: 0,
    tokensIn: 0,
    tokensOut: 0,
    tokensCached: 0,
    flexAnswers: 0,
    otherTierAnswers: 0
  }
  for (const { result, wasted } of state.items.values()) {
    for (const part of [result, wasted]) {
      if (!part) continue
      spend.costUsd += part.costUsd
      spend.tokensIn += part.promptTokens
      spend.tokensOut += part.completionTokens
      spend.tokensCached += part.cachedTokens ?? 0
    }
    const tier = result && !result.fromCache ? result.serviceTier : undefined
    if (tier === 'flex') spend.flexAnswers++
    else if (tier) spend.otherTierAnswers++
  }
  return spend
}
