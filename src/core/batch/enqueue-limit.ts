import { batchQueueLimit } from '@shared/models/tiers'
import { FINAL_BATCH_STATUSES, type BatchPart, type BatchState } from '../jobs/batch-state'

/**
 * The enqueued-token limit that holds for a key: the one a refusal named, else Settings', else
 * the catalog's for the model; infinite when nothing says.
 */
export function enqueueLimit(
  state: BatchState,
  model: string,
  configured: number | undefined
): number {
  return state.learnedLimit ?? configured ?? batchQueueLimit(model) ?? Number.POSITIVE_INFINITY
}

/** Input tokens a key has waiting in batches now: every part submitted and not yet finished (but `except`). */
export function enqueuedTokens(state: BatchState, keyId: string, except?: number): number {
  let sum = 0
  for (const part of state.parts.values())
    if (part.keyId === keyId && part.n !== except && holdsQueue(part)) sum += part.tokens
  return sum
}

/** A part counts against the queue from its creation until its batch is over. */
function holdsQueue(part: BatchPart): boolean {
  if (part.settled || !(part.batchId || part.creating)) return false
  return !FINAL_BATCH_STATUSES.has(part.status ?? '')
}

/** Whether a part may be submitted now: it fits beside what waits, or nothing waits. */
export function fitsQueue(waiting: number, part: BatchPart, limit: number): boolean {
  return waiting === 0 || waiting + part.tokens <= limit
}

/** The limit a refusal names ("… Limit: 2,000,000 enqueued tokens …"), if it names one. */
export function limitNamedIn(message: string): number | null {
  const match = /limit:?\s*([\d,_.]+)\s*enqueued tokens/i.exec(message)
  if (!match) return null
  const tokens = Number(match[1].replace(/[,_]/g, ''))
  return Number.isFinite(tokens) && tokens > 0 ? Math.floor(tokens) : null
}

/** Whether a failure is the queue being full (a batch error code or a 429's words). */
export function isQueueFull(code: string | undefined, message: string): boolean {
  return code === 'token_limit_exceeded' || /enqueued token limit/i.test(message)
}
