import { redactSecrets } from '@shared/redact'
import type { JobTracker } from '../scheduler/totals'
import type { JobOutcome } from '../scheduler/types'
import { Journal, JournalError } from './journal'
import type { ItemResult, JournalEvent, Spend } from './journal-events'
import { applyEvent } from './job-state'
import { writeSummary } from './job-summary'
import type { StoredJob } from './job-store'
import type { ResultCache } from './result-cache'
import type { ProductPhotos } from './products'

/**
 * Writes every item outcome to the journal (fsync) before the state, the totals and the window
 * hear of it. A journal that cannot be written stops the job (`onFailure`): answers must never be
 * paid for and then lost.
 */
export class JobRecorder {
  failure: JobOutcome | null = null
  private readonly writes = new Set<Promise<void>>()

  private constructor(
    private readonly job: StoredJob,
    private readonly journal: Journal,
    private readonly results: ResultCache | null,
    private readonly tracker: JobTracker,
    private readonly onFailure: () => void,
    private readonly onRecorded: (event: JournalEvent) => void
  ) {}

  static async open(
    job: StoredJob,
    results: ResultCache | null,
    tracker: JobTracker,
    onFailure: () => void,
    onRecorded: (event: JournalEvent) => void = () => {}
  ): Promise<JobRecorder> {
    return new JobRecorder(
      job,
      await Journal.open(job.journalPath),
      results,
      tracker,
      onFailure,
      onRecorded
    )
  }

  /** Journals a person's change (an edit, a retry, a removal) while the run holds the journal. */
  note(event: JournalEvent): Promise<void> {
    return this.track(() => this.record(event))
  }

  async cached(key: string): Promise<ItemResult | null> {
    return (await this.results?.get(key)) ?? null
  }

  /**
   * Records an answer; a later answer for the same item (after a re-ask) replaces it. A product's
   * answer is one journal line for all its photos, so a crash never keeps half a product.
   */
  done(
    id: string,
    result: ItemResult,
    cacheKey: string | null,
    product?: ProductPhotos
  ): Promise<void> {
    return this.track(async () => {
      const photos = product?.photos ?? [id]
      const before = photos.map((photo) => this.answerOf(photo))
      await this.record({ e: 'done', id, at: Date.now(), result, ...product })
      // A photo taken out of the job while its product was asked has no answer to count.
      photos.forEach((photo, i) => {
        const now = this.answerOf(photo)
        if (now) this.tracker.recordDone(now, before[i])
      })
      if (cacheKey) await this.results?.put(cacheKey, result).catch(() => undefined)
    })
  }

  /** Records a failure with what its unusable answers cost (`spend`), so no money is forgotten. */
  failed(id: string, code: string, why: string, spend?: Spend, photos?: string[]): Promise<void> {
    const reason = redactSecrets(why)
    const also = photos && photos.length > 1 ? { photos } : {}
    return this.track(async () => {
      await this.record({ e: 'failed', id, at: Date.now(), code, reason, spend, ...also })
      this.tracker.recordFailed(spend)
      for (let i = 1; i < (photos?.length ?? 0); i++) this.tracker.recordFailed()
    })
  }

  private answerOf(id: string): ItemResult | undefined {
    const item = this.job.state.items.get(id)
    return item?.status === 'done' ? item.result : undefined
  }

  /** Journals an event, then applies it to the job's state exactly as a replay would. */
  private async record(event: JournalEvent): Promise<void> {
    await this.journal.append(event)
    applyEvent(this.job.state, event)
    this.onRecorded(event)
  }

  /** Resolves when every write so far is on disk (or has failed). */
  async idle(): Promise<void> {
    while (this.writes.size > 0) await Promise.all(this.writes)
  }

  /** Records how the run ended (finished, or stopped with the reason) and closes the journal. */
  async close(outcome: JobOutcome, allSettled: boolean): Promise<void> {
    const event: JournalEvent | null =
      outcome.status === 'completed' && allSettled
        ? { e: 'finished', at: Date.now() }
        : outcome.status === 'stopped'
          ? {
              e: 'stopped',
              at: Date.now(),
              kind: outcome.kind,
              reason: redactSecrets(outcome.reason)
            }
          : null
    if (event && !this.failure) await this.record(event).catch(() => undefined)
    await this.journal.close()
    if (!this.failure) await writeSummary(this.job).catch(() => undefined)
  }

  private track(write: () => Promise<void>): Promise<void> {
    const promise = write().catch((error: unknown) => {
      if (!(error instanceof JournalError)) throw error
      if (!this.failure) {
        this.failure = { status: 'stopped', kind: 'journal', reason: error.message }
        this.onFailure()
      }
    })
    const tracked = promise.finally(() => this.writes.delete(tracked))
    this.writes.add(tracked)
    return tracked
  }
}
