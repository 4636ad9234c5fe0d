import { BATCH_FILE_LIMITS } from '@shared/models/batch-limits'

/** How a job would go through the Batch API: files, queue rounds, and what binds. */
export interface BatchPlan {
  files: number
  /** Times the queue must fill and drain: more than one when the job outgrows the enqueued-token limit. */
  rounds: number
  queueLimit: number | null
  /** `window`: one 24-hour window holds it all; `queue`: the enqueued-token limit sets the pace. */
  binding: 'window' | 'queue'
  /** The longest it may take: 24 h per round. */
  durationMs: number
}

const WINDOW_MS = 24 * 3_600_000
/** JPEG bytes per pixel of a prepared product photo (q85), in base64 (4/3). */
const LINE_BYTES_PER_PIXEL = 0.27

/** A batch line's size: its texts, and its photo as base64 at the size it is sent. */
export function batchLineBytes(textChars: number, pixels: number): number {
  return 400 + textChars + Math.round(pixels * LINE_BYTES_PER_PIXEL)
}

/** The plan for `requests` lines holding `promptTokens` and about `lineBytes` bytes in all. */
export function batchPlan(input: {
  requests: number
  promptTokens: number
  lineBytes: number
  queueLimit: number | null
}): BatchPlan {
  const limit = input.queueLimit ?? Number.POSITIVE_INFINITY
  const rounds = input.requests === 0 ? 0 : Math.max(1, Math.ceil(input.promptTokens / limit))
  const files = Math.max(
    rounds,
    Math.ceil(input.requests / BATCH_FILE_LIMITS.maxLines),
    Math.ceil(input.lineBytes / BATCH_FILE_LIMITS.maxBytes)
  )
  return {
    files,
    rounds,
    queueLimit: input.queueLimit,
    binding: rounds > 1 ? 'queue' : 'window',
    durationMs: rounds * WINDOW_MS
  }
}
