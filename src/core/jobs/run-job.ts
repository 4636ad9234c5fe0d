import type { ModelPrices } from '@shared/models/catalog'
import { PreparedImageCache } from '../images/cache'
import { createPreparer } from '../images/prepare'
import { createProgressFeed } from '../scheduler/progress-feed'
import { toJobProgress } from '../scheduler/progress-data'
import type { Scheduler, SchedulerEvent } from '../scheduler/scheduler'
import { JobTracker, type JobTotals } from '../scheduler/totals'
import type { JobOutcome } from '../scheduler/types'
import type { Template } from '../templates/template'
import type { AnswerDesk } from './answer-desk'
import { createLiveDesk } from './live-desk'
import { Budget, overBudgetReason } from './budget'
import { jobPreprocessSettings, jobPrices, jobTemplate, productRequest } from './job-request'
import { prepareGroups, type PreparedGroup } from './prepare-groups'
import { requestGroups } from './products'
import { countItems, jobSpend, toSend } from './job-state'
import type { StoredJob } from './job-store'
import type { JournalEvent } from './journal-events'
import { beginRun } from './begin-run'
import type { JobRecorder } from './recorder'
import { dataLayout } from '../paths'
import { partOf } from './batch-state'
import type { EngineContext } from './engine-context'

export type { EngineContext } from './engine-context'

const IMAGE_CACHE_BYTES = 2 * 1024 ** 3
/** Prepared requests kept waiting per key: enough to never starve the scheduler, few enough to hold little memory. */
const QUEUED_PER_KEY = 64

/** Runs (or resumes) one job to its end, a stop, or a cancel. Everything answered is journaled first. */
export class JobRun {
  private readonly scheduler: Scheduler
  private readonly tracker: JobTracker
  private readonly template: Template
  private readonly budget: Budget
  private readonly prices: ModelPrices | null
  private readonly desk: AnswerDesk
  private recorder!: JobRecorder
  private stopReason: JobOutcome | null = null
  private closed = false
  private outcome: JobOutcome = { status: 'cancelled' }
  private readonly emit: (event: SchedulerEvent) => void

  constructor(
    private readonly job: StoredJob,
    private readonly ctx: EngineContext
  ) {
    this.template = jobTemplate(job.settings)
    this.prices = jobPrices(job.settings)
    const spent = jobSpend(job.state)
    this.budget = new Budget(job.settings.budgetUsd, spent.costUsd)
    this.tracker = new JobTracker(ctx.clock, { ...countItems(job.state, toSend), ...spent })
    const feed = createProgressFeed(
      ctx.clock,
      100,
      { keys: () => this.scheduler.keys(), totals: () => this.tracker.totals() },
      (u) => ctx.onProgress?.(toJobProgress(u, ctx.clock.now()))
    )
    this.emit = feed
    const live = createLiveDesk(job, ctx, {
      template: this.template,
      prices: this.prices,
      budget: this.budget,
      tracker: this.tracker,
      recorder: () => this.recorder,
      emit: (event) => this.emit(event)
    })
    this.scheduler = live.scheduler
    this.desk = live.desk
  }

  get id(): string {
    return this.job.id
  }

  /** The job's totals now (counts, tokens, money, requests possibly paid twice). */
  totals(): JobTotals {
    return this.tracker.totals()
  }

  pause(): void {
    this.scheduler.pause()
  }

  resume(): void {
    this.scheduler.resume()
  }

  /** A live run has no batches to cancel. */
  async cancelBatches(): Promise<void> {
    throw new Error('This job runs live; it has no batches to cancel.')
  }

  /** Settings changed while running: each key's limits and the in-flight maximum, within a tick. */
  retune(keys: readonly { id: string; rpm: number; tpm: number }[], maxConcurrency: number): void {
    this.scheduler.retune(keys, maxConcurrency)
  }

  /** Stops at once; in-flight requests are aborted and stay pending (resumable). */
  cancel(): void {
    this.scheduler.cancel()
  }

  /** Journals a person's change while this run holds the journal; false once it has closed it. */
  async note(event: JournalEvent): Promise<boolean> {
    if (!this.recorder || this.closed) return false
    await this.recorder.note(event)
    return true
  }

  async run(): Promise<JobOutcome> {
    const begun = await beginRun(this.job, this.ctx, this.tracker, () => this.scheduler.cancel())
    if ('refused' in begun) return begun.refused
    this.recorder = begun.recorder
    try {
      await this.feedThenFinish()
    } finally {
      await begun.release()
    }
    return this.outcome
  }

  private async feedThenFinish(): Promise<void> {
    try {
      await this.feed()
    } catch (error) {
      this.scheduler.cancel()
      throw error
    } finally {
      this.scheduler.endInput()
      const fromScheduler = await this.scheduler.done
      this.closed = true
      await this.recorder.idle()
      this.outcome = this.recorder.failure ?? this.stopReason ?? fromScheduler
      await this.recorder.close(this.outcome, countItems(this.job.state).pending === 0)
      this.emit({ type: 'job', outcome: this.outcome })
    }
  }

  /** Prepares pending photos (a product's together) with a bounded look-ahead and hands them to the scheduler. */
  private async feed(): Promise<void> {
    const settings = this.job.settings
    const imageCache = await PreparedImageCache.open(
      dataLayout(this.ctx.dataDir).imageCache,
      IMAGE_CACHE_BYTES
    )
    const prepare = createPreparer(jobPreprocessSettings(settings), imageCache)
    // A photo waiting in a batch is not sent live as well.
    const batch = this.job.state.batch
    const pending = [...this.job.state.items.values()].filter((item) => {
      const part = partOf(batch, item.id)
      return toSend(item) && (!part || part.settled)
    })
    const groups = requestGroups(pending, settings, this.template)
    for await (const group of prepareGroups(groups, prepare, this.ctx.lookahead ?? 8)) {
      if (this.scheduler.closed || this.recorder.failure || this.stopReason) break
      await this.handlePrepared(group, this.prices)
      await this.scheduler.waitForRoom(this.ctx.keys.length * QUEUED_PER_KEY)
    }
  }

  private async handlePrepared(group: PreparedGroup, prices: ModelPrices | null): Promise<void> {
    for (const { item, code, reason } of group.failed)
      await this.recorder.failed(item.id, code, reason)
    if (group.photos.length === 0) return
    const request = productRequest(group.photos, this.template, this.job.settings, prices, {
      tier: this.ctx.flex ? 'flex' : 'standard',
      hints: this.ctx.learning
    })
    const lead = group.photos[0].item
    // A regenerated answer is asked for anew: the cache holds the one the person set aside.
    const cached = lead.redo === undefined ? await this.recorder.cached(request.cacheKey) : null
    if (cached) {
      const result = { ...cached, fromCache: true, costUsd: 0, latencyMs: 0 }
      return this.recorder.done(lead.id, result, null, request.product)
    }
    if (!this.budget.reserve(request.estimateUsd)) {
      // Stop feeding; what is already reserved within the budget finishes.
      this.stopReason = { status: 'stopped', kind: 'budget', reason: overBudgetReason(this.budget) }
      return
    }
    this.desk.sent(request)
    this.scheduler.add([request.work])
  }
}
