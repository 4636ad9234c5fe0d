import { rm } from 'node:fs/promises'
import type { Clock } from '../scheduler/clock'
import type { StoredJob } from '../jobs/job-store'
import { BatchCallError, type BatchClient, type RemoteBatch } from './batch-client'
import type { BatchEvent, BatchPart } from '../jobs/batch-state'
import { isQueueFull } from './enqueue-limit'
import { partPath } from './build-parts'

/** What submitting a part needs. */
export interface SubmitContext {
  job: StoredJob
  client: BatchClient
  clock: Clock
  /** Journals a batch event (fsync) and applies it to the job's state. */
  note: (event: BatchEvent) => Promise<void>
  stopped: () => boolean
}

const RETRYABLE = new Set(['network', 'timeout', 'transient', 'rate_limit'])
const MAX_ATTEMPTS = 9
const LIST_PAGES = 5

/** The name a part is uploaded under: what finds it again if the upload's answer was lost. */
export function uploadName(job: StoredJob, part: BatchPart): string {
  return `photoscribe-${job.id}-part-${part.n}.jsonl`
}

/**
 * Uploads a part's file once: an upload that was started before (a crash, a lost answer) is first
 * looked for on the server by its name and size, so nothing is uploaded twice.
 */
export async function uploadPart(
  ctx: SubmitContext,
  part: BatchPart,
  keyId: string
): Promise<void> {
  const name = uploadName(ctx.job, part)
  const fileId = await patiently(ctx, async () => {
    if (part.uploading) {
      const found = await ctx.client.findUpload(keyId, name, part.bytes)
      if (found) return found
    } else await ctx.note({ e: 'batch-uploading', part: part.n, keyId, at: Date.now() })
    return ctx.client.upload(keyId, partPath(ctx.job, part.file), name)
  })
  await ctx.note({ e: 'batch-uploaded', part: part.n, fileId, at: Date.now() })
}

/**
 * Creates the part's batch once: one asked for before (a crash, a lost answer) is first looked for
 * among the key's batches by its input file, so no batch is created twice.
 */
export async function createPartBatch(
  ctx: SubmitContext,
  part: BatchPart,
  keyId: string
): Promise<void> {
  const batch = await patiently(ctx, async () => {
    if (part.creating) {
      const found = await findBatchOf(ctx, part, keyId)
      if (found) return found
    } else await ctx.note({ e: 'batch-creating', part: part.n, keyId, at: Date.now() })
    return ctx.client.create(keyId, part.fileId!, {
      photoscribe_job: ctx.job.id,
      photoscribe_part: String(part.n)
    })
  })
  await ctx.note({ e: 'batch-created', part: part.n, batchId: batch.id, keyId, at: Date.now() })
  // The server has the file now; a full queue's retry reuses its id.
  await rm(partPath(ctx.job, part.file), { force: true })
}

async function findBatchOf(
  ctx: SubmitContext,
  part: BatchPart,
  keyId: string
): Promise<RemoteBatch | null> {
  let after: string | undefined
  for (let page = 0; page < LIST_PAGES; page++) {
    const result = await ctx.client.list(keyId, after)
    const found = result.batches.find(
      (b) => b.inputFileId === part.fileId && !part.refused.includes(b.id)
    )
    if (found) return found
    if (!result.hasMore || !result.lastId) return null
    after = result.lastId
  }
  return null
}

/**
 * Runs a call again after network trouble, a server error or a 429, waiting longer each time (at
 * least what the server asked); other failures are thrown at once.
 */
export async function patiently<T>(ctx: SubmitContext, work: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await work()
    } catch (error) {
      const failure = error instanceof BatchCallError ? error.failure : null
      const retry =
        failure &&
        RETRYABLE.has(failure.kind) &&
        !isQueueFull(failure.code, failure.message) &&
        attempt < MAX_ATTEMPTS &&
        !ctx.stopped()
      if (!retry) throw error
      const backoff = Math.min(60_000, 1000 * 2 ** attempt)
      await sleep(ctx.clock, Math.max(backoff, failure.retryAfterMs ?? 0))
    }
  }
}

function sleep(clock: Clock, ms: number): Promise<void> {
  return new Promise((resolve) => clock.setTimeout(resolve, ms))
}
