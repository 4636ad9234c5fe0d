import type { ModelPrices } from '@shared/models/catalog'
import type { Budget } from '../jobs/budget'
import type { KeySpec, JobOutcome } from '../scheduler/types'
import { BatchCallError, type RemoteBatch } from './batch-client'
import { FINAL_BATCH_STATUSES, linePhotos, openParts, type BatchPart } from '../jobs/batch-state'
import { settleBatch, type SettleContext } from './batch-settle'
import { diskStop } from './disk-stop'
import { createPartBatch, uploadPart } from './batch-submit'
import type { BatchWatch, BatchWatchPool } from './batch-watch'
import { enqueuedTokens, enqueueLimit, fitsQueue, isQueueFull, limitNamedIn } from './enqueue-limit'

/** What moving parts through upload, creation, polling and collection needs. */
export interface DriverContext extends SettleContext {
  budget: Budget
  keys: KeySpec[]
  watches: BatchWatchPool
  /** A part moved (submitted, changed status, settled): the run looks again. */
  onChange: () => void
  /** Something stops the job (a key refused, quota): resumable. */
  onFatal: (outcome: JobOutcome) => void
  /** Paused by a person: nothing new is uploaded or created until resumed. */
  held: () => boolean
  prices: ModelPrices | null
}

/** Takes each part from its file on disk to its results recorded, one step at a time, journaled. */
export class PartDriver {
  private submitting: Promise<void> = Promise.resolve()
  private settling: Promise<void> = Promise.resolve()
  private readonly unwatch = new Map<number, () => void>()
  private readonly collecting = new Set<number>()

  constructor(private readonly ctx: DriverContext) {}

  private get batch() {
    return this.ctx.job.state.batch
  }

  /** After a restart: watch every batch that was created, looking at once. */
  resumeOpen(): void {
    for (const part of openParts(this.batch)) {
      this.ctx.budget.hold(part.costUsd)
      if (part.batchId) this.watchPart(part, true)
    }
  }

  /** After a pause: watch every created batch again, looking at once. */
  watchOpen(): void {
    for (const part of openParts(this.batch)) if (part.batchId) this.watchPart(part, true)
  }

  /** The largest part the queue could ever take: the smallest key's limit. */
  partTokenLimit(): number {
    return Math.min(...this.ctx.keys.map((key) => this.limitOf(key.id)))
  }

  limitOf(keyId: string): number {
    const key = this.ctx.keys.find((k) => k.id === keyId)
    return enqueueLimit(this.batch, this.ctx.job.settings.model, key?.batchQueueTokens)
  }

  /** Uploads and creates what can go now (one at a time, in order); resolves when done. */
  submitReady(): Promise<void> {
    this.submitting = this.submitting
      .then(() => this.submitAll())
      .catch((error: unknown) => this.fatal(error))
    return this.submitting
  }

  private async submitAll(): Promise<void> {
    for (const part of openParts(this.batch)) {
      if (this.ctx.stopped() || this.ctx.held() || this.batch.cancelRequested) return
      if (part.batchId) continue
      const keyId = part.keyId ?? this.keyWithRoom(part)
      if (!keyId) return
      if (!part.fileId) await uploadPart(this.ctx, part, keyId)
      // Paused while the file went up: the batch is created after Resume.
      if (this.ctx.held()) return
      if (
        !part.creating &&
        !fitsQueue(enqueuedTokens(this.batch, keyId), part, this.limitOf(keyId))
      )
        return
      try {
        await createPartBatch(this.ctx, part, keyId)
      } catch (error) {
        if (await this.queueWasFull(part, error)) return
        throw error
      }
      if (!this.ctx.held()) this.watchPart(part, false)
      this.ctx.onChange()
    }
  }

  /** The key with the most queue room for a part (the first key when all are empty). */
  private keyWithRoom(part: BatchPart): string | null {
    let best: { id: string; room: number } | null = null
    for (const key of this.ctx.keys) {
      const waiting = enqueuedTokens(this.batch, key.id)
      const room = this.limitOf(key.id) - waiting
      if (!fitsQueue(waiting, part, this.limitOf(key.id))) continue
      if (!best || room > best.room) best = { id: key.id, room }
    }
    return best?.id ?? null
  }

  private watchPart(part: BatchPart, soon: boolean): void {
    if (this.unwatch.has(part.n)) return
    const watch = this.watchOf(part.keyId!)
    this.unwatch.set(
      part.n,
      watch.watch(part.batchId!, (batch) => void this.heard(part, batch), soon)
    )
  }

  private watchOf(keyId: string): BatchWatch {
    return this.ctx.watches.for(keyId, this.ctx.client)
  }

  /** Milliseconds to the next poll of any key with batches watched. */
  nextPollInMs(): number | undefined {
    const times = this.ctx.keys.flatMap((key) => this.watchOf(key.id).nextPollInMs() ?? [])
    return times.length > 0 ? Math.min(...times) : undefined
  }

  private async heard(part: BatchPart, batch: RemoteBatch): Promise<void> {
    if (batch.id !== part.batchId || this.collecting.has(part.n)) return
    const counts = batch.counts
    const same =
      part.status === batch.status && JSON.stringify(part.counts) === JSON.stringify(counts)
    if (!same)
      await this.ctx.note({
        e: 'batch-status',
        part: part.n,
        status: batch.status,
        counts,
        at: Date.now()
      })
    if (!same) this.ctx.onChange()
    if (!FINAL_BATCH_STATUSES.has(batch.status)) return
    this.collecting.add(part.n)
    this.unwatch.get(part.n)?.()
    this.unwatch.delete(part.n)
    this.settling = this.settling
      .then(() => this.finish(part, batch))
      .catch((error: unknown) => this.fatal(error))
      .finally(() => {
        this.collecting.delete(part.n)
        this.ctx.onChange()
      })
  }

  private async finish(part: BatchPart, batch: RemoteBatch): Promise<void> {
    if (batch.status === 'failed') return this.refused(part, batch)
    this.ctx.budget.settle(part.costUsd, 0)
    await settleBatch(this.ctx, part, batch)
    void this.submitReady()
  }

  /** A batch that failed before running: a full queue waits and goes again; anything else is final. */
  private async refused(part: BatchPart, batch: RemoteBatch): Promise<void> {
    const error = batch.errors[0] ?? { code: 'failed', message: 'The batch failed validation.' }
    if (isQueueFull(error.code, error.message)) return this.queueFull(part, error.message)
    this.ctx.budget.settle(part.costUsd, 0)
    await this.ctx.note({
      e: 'batch-refused',
      part: part.n,
      code: error.code,
      message: error.message,
      retry: false,
      at: Date.now()
    })
    for (const id of part.ids)
      void this.ctx.recorder.failed(
        id,
        'batch_invalid',
        error.message,
        undefined,
        linePhotos(part, id)
      )
    await this.ctx.recorder.idle()
  }

  private async queueWasFull(part: BatchPart, error: unknown): Promise<boolean> {
    if (!(error instanceof BatchCallError)) return false
    if (!isQueueFull(error.failure.code, error.failure.message)) return false
    await this.queueFull(part, error.failure.message)
    return true
  }

  /**
   * The queue was full: learn the limit it named, and put the part back to go when room frees.
   * Refused while nothing of ours waits, the file is too large for the queue (the server counts its
   * tokens higher than the estimate did): it is given up, and its photos written again in files
   * that fit a limit 10 % under this file's size.
   */
  private async queueFull(part: BatchPart, message: string): Promise<void> {
    const named = limitNamedIn(message)
    const alone = enqueuedTokens(this.batch, part.keyId ?? '', part.n) <= 0
    const limit = alone ? Math.min(named ?? Infinity, Math.floor(part.tokens * 0.9)) : named
    if (limit !== null && Number.isFinite(limit))
      await this.ctx.note({ e: 'batch-limit', tokens: limit, at: Date.now() })
    if (alone) this.ctx.budget.settle(part.costUsd, 0)
    await this.ctx.note({
      e: 'batch-refused',
      part: part.n,
      code: 'token_limit_exceeded',
      message,
      retry: !alone,
      at: Date.now()
    })
  }

  /** Cancels every open batch; parts not yet submitted are dropped (their photos stay to do). */
  async cancelAll(): Promise<void> {
    await this.submitting
    for (const part of openParts(this.batch)) {
      if (part.batchId && !FINAL_BATCH_STATUSES.has(part.status ?? '')) {
        await this.ctx.client.cancel(part.keyId!, part.batchId).catch(() => undefined)
        this.watchPart(part, true)
      } else if (!part.batchId) {
        this.ctx.budget.settle(part.costUsd, 0)
        await this.ctx.note({
          e: 'batch-refused',
          part: part.n,
          code: 'cancelled',
          message: 'Cancelled before it was sent.',
          retry: false,
          at: Date.now()
        })
      }
    }
  }

  /** Waits for collection under way, then stops watching. */
  detach(): void {
    for (const stop of this.unwatch.values()) stop()
    this.unwatch.clear()
  }

  /** Resolves once every collection started has finished. */
  idle(): Promise<void> {
    return Promise.all([this.submitting, this.settling]).then(() => undefined)
  }

  private fatal(error: unknown): void {
    const stopped = diskStop(error)
    if (stopped) return this.ctx.onFatal(stopped)
    const failure = error instanceof BatchCallError ? error.failure : null
    this.ctx.onFatal({
      status: 'stopped',
      kind: failure?.kind ?? 'config',
      reason: failure?.message ?? (error instanceof Error ? error.message : String(error))
    })
  }
}
