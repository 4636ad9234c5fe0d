import type { BatchPartProgress, BatchProgress } from '@shared/domain/progress'
import { openParts, type BatchPart, type BatchState } from '../jobs/batch-state'
import { enqueuedTokens } from './enqueue-limit'

/** What the driver can say about queues and polls. */
interface DriverView {
  limitOf(keyId: string): number
  nextPollInMs(): number | undefined
}

/** A Batch job's progress as plain data: every part, the queue, the next poll. */
export function batchProgress(
  state: BatchState,
  phase: BatchProgress['phase'],
  built: number,
  driver: DriverView
): BatchProgress {
  const keys = new Set(openParts(state).flatMap((part) => part.keyId ?? []))
  let enqueued = 0
  for (const key of keys) enqueued += enqueuedTokens(state, key)
  const firstKey = [...keys][0]
  const limit = firstKey ? driver.limitOf(firstKey) : undefined
  return {
    phase,
    built,
    parts: [...state.parts.values()].map(partProgress),
    enqueuedTokens: enqueued,
    enqueueLimit: limit !== undefined && Number.isFinite(limit) ? limit : undefined,
    nextPollInMs: driver.nextPollInMs()
  }
}

/** A part's status: the server's once its batch exists, else where it is on the way there. */
export function partStatus(part: BatchPart): string {
  if (part.status) return part.status
  if (part.settled) return 'settled'
  if (part.creating) return 'creating'
  if (part.fileId) return 'queued'
  return part.uploading ? 'uploading' : 'built'
}

function partProgress(part: BatchPart): BatchPartProgress {
  return {
    n: part.n,
    status: partStatus(part),
    lines: part.lines,
    completed: part.counts?.completed ?? 0,
    failed: part.counts?.failed ?? 0,
    settled: part.settled,
    problem: part.problem
  }
}
