import type { ModelPrices } from '@shared/models/catalog'
import type { BatchProgress, JobProgress } from '@shared/domain/progress'
import type { AnswerDesk } from '../jobs/answer-desk'
import { createLiveDesk } from '../jobs/live-desk'
import { Budget } from '../jobs/budget'
import { jobPrices, jobTemplate } from '../jobs/job-request'
import { countItems, jobSpend, toSend, type JobItem } from '../jobs/job-state'
import { photosToBatch } from './batch-rounds'
import type { StoredJob } from '../jobs/job-store'
import type { JournalEvent } from '../jobs/journal-events'
import { beginRun } from '../jobs/begin-run'
import { diskStop } from './disk-stop'
import type { JobRecorder } from '../jobs/recorder'
import type { BatchEngineContext } from './batch-context'
import { createProgressFeed } from '../scheduler/progress-feed'
import { toJobProgress } from '../scheduler/progress-data'
import type { Scheduler, SchedulerEvent } from '../scheduler/scheduler'
import { JobTracker, type JobTotals } from '../scheduler/totals'
import type { JobOutcome } from '../scheduler/types'
import type { Template } from '../templates/template'
import { BatchCallError } from './batch-client'
import { openParts, type BatchEvent } from '../jobs/batch-state'
import { batchProgress } from './batch-progress'
import { buildParts } from './build-parts'
import { PartDriver } from './part-driver'
import { BATCH_FILE_LIMITS } from '@shared/models/batch-limits'

export type { BatchEngineContext } from './batch-context'

/**
 * Runs a job through the Batch API: builds and uploads the files, creates the batches as the
 * enqueued-token limit allows, polls gently, joins the results back by `custom_id`. Every file id
 * and batch id is journaled before the next step; a rule's re-ask goes live. `cancel()` only stops
 * watching (the batches run on at OpenAI and a resume collects them); `cancelBatches()` cancels them.
 */
export class BatchRun {
  private readonly tracker: JobTracker
  private readonly template: Template
  private readonly budget: Budget
  private readonly prices: ModelPrices | null
  private readonly scheduler: Scheduler
  private readonly desk: AnswerDesk
  private readonly emit: (event: SchedulerEvent | { type: 'tick' }) => void
  private recorder!: JobRecorder
  private driver!: PartDriver
  private readonly rounds = new Map<string, number>()
  private stopReason: JobOutcome | null = null
  private detached = false
  private closed = false
  private built = 0
  private phase: BatchProgress['phase'] = 'building'
  private fatal = false
  private cancelAsked = false // before the run had opened the journal
  /** Batches were cancelled (in this run, or in one a crash ended): no new ones are made. */
  private cancelled: boolean
  private changed = false
  private wake: () => void = () => {}
  private paused = false

  constructor(
    private readonly job: StoredJob,
    private readonly ctx: BatchEngineContext
  ) {
    this.template = jobTemplate(job.settings)
    this.cancelled = job.state.batch.cancelRequested
    const live = jobPrices(job.settings)
    this.prices = live && { ...live, input: live.batchInput, output: live.batchOutput }
    const spent = jobSpend(job.state)
    this.budget = new Budget(job.settings.budgetUsd, spent.costUsd)
    this.tracker = new JobTracker(ctx.clock, { ...countItems(job.state, toSend), ...spent })
    this.emit = createProgressFeed(
      ctx.clock,
      250,
      { keys: () => this.scheduler.keys(), totals: () => this.tracker.totals() },
      (u) => ctx.onProgress?.(this.withBatch(toJobProgress(u, ctx.clock.now())))
    )
    const desk = createLiveDesk(job, ctx, {
      template: this.template,
      prices: live,
      budget: this.budget,
      tracker: this.tracker,
      recorder: () => this.recorder,
      emit: (event) => this.emit(event)
    })
    this.scheduler = desk.scheduler
    this.desk = desk.desk
  }

  get id(): string {
    return this.job.id
  }

  totals(): JobTotals {
    return this.tracker.totals()
  }

  /** Pause: nothing uploaded, created, polled or re-asked; sent batches run on at the API. */
  pause(): void {
    if (this.paused || this.closed) return
    this.paused = true
    this.scheduler.pause()
    this.driver?.detach()
    this.emitProgress()
  }

  resume(): void {
    if (!this.paused) return
    this.paused = false
    this.scheduler.resume()
    this.driver?.watchOpen()
    this.poke()
  }

  /** Settings changed while running: the re-asks' keys and in-flight maximum follow. */
  retune(keys: readonly { id: string; rpm: number; tpm: number }[], maxConcurrency: number): void {
    this.scheduler.retune(keys, maxConcurrency)
  }

  /** Stops watching; the batches keep running at OpenAI and a resume collects them. */
  cancel(): void {
    this.detached = true
    this.scheduler.cancel()
    this.driver?.detach()
    this.poke()
  }

  /** Something moved: the run loop looks again (or right away, if it is not waiting yet). */
  private poke(): void {
    this.changed = true
    this.wake()
  }

  /** Cancels every open batch: what already finished is kept, the rest stays to do. */
  async cancelBatches(): Promise<void> {
    if (this.closed) return
    if (!this.recorder) return void (this.cancelAsked = true)
    this.phase = 'cancelling'
    this.cancelled = true
    await this.recorder.note({ e: 'batch-cancel', at: Date.now() })
    await this.driver.cancelAll()
    this.poke()
  }

  async note(event: JournalEvent): Promise<boolean> {
    if (!this.recorder || this.closed) return false
    await this.recorder.note(event)
    return true
  }

  async run(): Promise<JobOutcome> {
    const begun = await beginRun(this.job, this.ctx, this.tracker, () => this.cancel())
    if ('refused' in begun) return begun.refused
    this.recorder = begun.recorder
    try {
      this.driver = this.newDriver()
      return await this.driveToEnd()
    } finally {
      await begun.release()
    }
  }

  private newDriver(): PartDriver {
    return new PartDriver({
      ...this.parts(),
      client: this.ctx.batchClient,
      clock: this.ctx.clock,
      note: (event: BatchEvent) => this.recorder.note(event),
      stopped: () => this.detached || this.fatal,
      desk: this.desk,
      keys: this.ctx.keys,
      watches: this.ctx.watches,
      onChange: () => this.poke(),
      onFatal: (outcome) => this.stopWith(outcome),
      held: () => this.paused
    })
  }

  /** What building and driving parts share: the job, its journal, its money. */
  private parts() {
    const { job, recorder, budget, template, prices } = this
    return { job, recorder, budget, template, prices }
  }

  private async driveToEnd(): Promise<JobOutcome> {
    let failure: unknown = null
    try {
      await this.drive()
    } catch (error) {
      failure = error
    } finally {
      this.driver.detach()
      this.scheduler.endInput()
      if (this.detached) this.scheduler.cancel()
      await this.scheduler.done
      this.closed = true
      await this.recorder.idle()
    }
    if (failure && !(failure instanceof BatchCallError)) throw failure
    const outcome = this.outcomeOf(failure)
    const allSettled =
      countItems(this.job.state).pending === 0 && openParts(this.job.state.batch).length === 0
    await this.recorder.close(outcome, allSettled)
    this.phase = 'done'
    this.emit({ type: 'job', outcome })
    return outcome
  }

  private outcomeOf(failure: unknown): JobOutcome {
    if (this.recorder.failure) return this.recorder.failure
    if (failure instanceof BatchCallError)
      return { status: 'stopped', kind: failure.failure.kind, reason: failure.failure.message }
    if (this.stopReason) return this.stopReason
    return this.detached || this.cancelled ? { status: 'cancelled' } : { status: 'completed' }
  }

  /** Build, submit, wait, collect — until every part has settled and nothing is left to send. */
  private async drive(): Promise<void> {
    this.driver.resumeOpen()
    if (this.cancelAsked) await this.cancelBatches()
    for (;;) {
      this.changed = false
      if (this.detached || this.recorder.failure || this.fatal) return
      if (this.paused) await this.nextChange()
      if (this.paused) continue
      const items = this.canBuild() ? this.toBuild() : []
      if (items.length > 0) await this.build(items)
      this.phase = 'submitting'
      await this.driver.submitReady()
      if (this.detached || this.recorder.failure || this.fatal) return
      const open = openParts(this.job.state.batch).length
      if (open === 0 && (!this.canBuild() || this.toBuild().length === 0)) return
      // Nothing open but photos to write again (a file the queue could not take): go round now.
      if (open === 0) continue
      this.phase = 'waiting'
      this.emitProgress()
      if (!this.changed) await this.nextChange()
    }
  }

  /** New batches are made unless the job stops (budget) or its batches were cancelled. */
  private canBuild(): boolean {
    return !this.stopReason && !this.cancelled
  }

  private toBuild(): JobItem[] {
    return photosToBatch(this.job.state, this.rounds)
  }

  /** Stops the job resumably: nothing more is built or sent; open batches are collected on resume. */
  private stopWith(outcome: JobOutcome): void {
    this.stopReason ??= outcome
    this.fatal = true
    this.poke()
  }

  private async build(items: JobItem[]): Promise<void> {
    this.phase = 'building'
    for (const item of items) this.rounds.set(item.id, (this.rounds.get(item.id) ?? 0) + 1)
    const stop = await this.buildFiles(items).catch((error: unknown) => {
      // A batch file that cannot be written (disk full, read-only): stop as a journal write would.
      const stopped = diskStop(error)
      if (!stopped) throw error
      this.stopWith(stopped)
      return null
    })
    if (stop) this.stopReason = { status: 'stopped', kind: 'budget', reason: stop.reason }
  }

  private buildFiles(items: JobItem[]): ReturnType<typeof buildParts> {
    const { batchLines } = this.job.settings
    const limits = { ...BATCH_FILE_LIMITS, maxLines: batchLines ?? BATCH_FILE_LIMITS.maxLines }
    return buildParts(items, {
      ...this.parts(),
      dataDir: this.ctx.dataDir,
      limits: { ...limits, maxTokens: this.driver.partTokenLimit(), ...this.ctx.partLimits },
      lookahead: this.ctx.lookahead ?? 8,
      hints: this.ctx.learning,
      stopped: () => this.detached || Boolean(this.recorder.failure),
      onPart: () => void this.driver.submitReady(),
      onLine: () => {
        this.built++
        this.emitProgress()
      }
    })
  }

  /** Until something moves (`poke`: a part, a resume, a cancel). */
  private nextChange = (): Promise<void> => new Promise<void>((resolve) => (this.wake = resolve))

  private emitProgress(): void {
    this.emit({ type: 'tick' })
  }

  private withBatch(progress: JobProgress): JobProgress {
    const { batch } = this.job.state
    return this.driver
      ? { ...progress, batch: batchProgress(batch, this.phase, this.built, this.driver) }
      : progress
  }
}
