import type { Clock } from '../scheduler/clock'
import { BatchCallError, type BatchClient, type RemoteBatch } from './batch-client'

/** How often a key's batches are looked at: 30 s at first, then slower, up to 5 min. */
export const POLL_SCHEDULE: PollSchedule = { firstMs: 30_000, factor: 1.5, maxMs: 300_000 }

export interface PollSchedule {
  firstMs: number
  factor: number
  maxMs: number
}

/** The demo's simulator answers on this machine: its batches are looked at every second or so. */
export const DEMO_POLL_SCHEDULE: PollSchedule = { firstMs: 1000, factor: 1.5, maxMs: 5000 }

/**
 * The schedule for real endpoints: OpenAI's gentle one, unless PHOTOSCRIBE_BATCH_POLL_MS sets the
 * first wait (a local server's batches, tests), backing off to ten times that.
 */
export function pollScheduleFrom(env: Record<string, string | undefined>): PollSchedule {
  const firstMs = Number(env.PHOTOSCRIBE_BATCH_POLL_MS)
  return firstMs > 0 ? { firstMs, factor: 1.5, maxMs: firstMs * 10 } : POLL_SCHEDULE
}
/** Pages of `GET /batches` one poll reads at most before asking for the missing ones by id. */
const MAX_PAGES = 5

type Listener = (batch: RemoteBatch) => void

/**
 * Watches every batch of one key with one `GET /batches` list call per poll, never two at once,
 * backing off from 30 s to a few minutes. Every job of the process shares a key's watch.
 */
export class BatchWatch {
  private readonly listeners = new Map<string, Set<Listener>>()
  private delayMs: number
  private timer: unknown = null
  private polling = false
  private nextAt: number | null = null
  /** Requests this watch has made (list pages and single look-ups). */
  requests = 0

  constructor(
    private readonly keyId: string,
    private client: BatchClient,
    private readonly clock: Clock,
    private readonly pace: PollSchedule = POLL_SCHEDULE
  ) {
    this.delayMs = pace.firstMs
  }

  /** Uses a newer client (a new run brings one). */
  useClient(client: BatchClient): void {
    this.client = client
  }

  /**
   * Hears about `batchId` at every poll until the returned function is called. A batch joins the
   * key's running schedule; `soon` (after a restart) looks at once.
   */
  watch(batchId: string, listener: Listener, soon = false): () => void {
    if (this.listeners.size === 0) this.delayMs = this.pace.firstMs
    const set = this.listeners.get(batchId) ?? new Set()
    set.add(listener)
    this.listeners.set(batchId, set)
    if (soon && !this.polling) this.stop()
    this.plan(soon ? 0 : this.delayMs)
    return () => {
      set.delete(listener)
      if (set.size === 0) this.listeners.delete(batchId)
      if (this.listeners.size === 0) this.stop()
    }
  }

  /** Milliseconds until the next poll, when one is planned. */
  nextPollInMs(): number | undefined {
    return this.nextAt === null ? undefined : Math.max(0, this.nextAt - this.clock.now())
  }

  private plan(delayMs = this.delayMs): void {
    if (this.timer !== null || this.polling || this.listeners.size === 0) return
    this.nextAt = this.clock.now() + delayMs
    this.timer = this.clock.setTimeout(() => {
      this.timer = null
      this.nextAt = null
      void this.poll()
    }, delayMs)
  }

  private stop(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer)
    this.timer = null
    this.nextAt = null
  }

  private async poll(): Promise<void> {
    this.polling = true
    let wait = this.delayMs
    try {
      const seen = await this.readAll()
      for (const batch of seen)
        for (const listener of this.listeners.get(batch.id) ?? []) listener(batch)
      this.delayMs = Math.min(this.pace.maxMs, this.delayMs * this.pace.factor)
      wait = this.delayMs
    } catch (error) {
      // An outage or a 429: try again later, at least as late as the server asked.
      const asked = error instanceof BatchCallError ? (error.failure.retryAfterMs ?? 0) : 0
      this.delayMs = Math.min(this.pace.maxMs, this.delayMs * 2)
      wait = Math.max(this.delayMs, asked)
    } finally {
      this.polling = false
    }
    this.plan(wait)
  }

  /** Every watched batch: from the list pages, and by id for any the pages did not reach. */
  private async readAll(): Promise<RemoteBatch[]> {
    const missing = new Set(this.listeners.keys())
    const found: RemoteBatch[] = []
    let after: string | undefined
    for (let page = 0; page < MAX_PAGES && missing.size > 0; page++) {
      this.requests++
      const result = await this.client.list(this.keyId, after)
      for (const batch of result.batches) if (missing.delete(batch.id)) found.push(batch)
      if (!result.hasMore || !result.lastId) break
      after = result.lastId
    }
    for (const id of missing) {
      this.requests++
      found.push(await this.lookUp(id))
    }
    return found
  }

  /** One batch by id; one the server no longer knows is reported failed, not polled for ever. */
  private async lookUp(id: string): Promise<RemoteBatch> {
    try {
      return await this.client.retrieve(this.keyId, id)
    } catch (error) {
      const kind = error instanceof BatchCallError ? error.failure.kind : 'transient'
      if (kind !== 'invalid' && kind !== 'config') throw error
      const message = error instanceof Error ? error.message : String(error)
      return goneBatch(id, message)
    }
  }
}

/** One watch per key for the whole process. */
export class BatchWatchPool {
  private readonly watches = new Map<string, BatchWatch>()

  constructor(
    private readonly clock: Clock,
    private readonly schedule: PollSchedule = POLL_SCHEDULE
  ) {}

  for(keyId: string, client: BatchClient): BatchWatch {
    const existing = this.watches.get(keyId)
    if (existing) {
      existing.useClient(client)
      return existing
    }
    const watch = new BatchWatch(keyId, client, this.clock, this.schedule)
    this.watches.set(keyId, watch)
    return watch
  }
}

function goneBatch(id: string, message: string): RemoteBatch {
  return {
    id,
    status: 'failed',
    inputFileId: '',
    outputFileId: null,
    errorFileId: null,
    counts: { total: 0, completed: 0, failed: 0 },
    errors: [{ code: 'batch_not_found', message }],
    metadata: {}
  }
}
