import type { ItemProgress, JobProgress, ProgressOutcome } from '@shared/domain/progress'
import type { QueueRow } from '@shared/domain/queue'
import { emptyTotals, type RunStatus, type RunView } from '@shared/domain/run-view'
import type { OpenView } from '@shared/domain/workspace'
import {
  AnswerChecks,
  batchProgress,
  countItems,
  jobSpend,
  jobOptionsOf,
  jobTemplate,
  openParts,
  partOf,
  partStatus,
  toSend,
  type JobItem,
  type JobRunner,
  type StoredJob,
  type Template
} from '../../core'
import { jobRow } from './job-rows'

/** A job open in the window: its rows from the journal, and its run's live state while it runs. */
export class JobView {
  readonly template: Template
  run: JobRunner | null = null
  status: RunStatus
  estimateUsd: number | null = null
  /** Photos were sent back to the queue while the run was going: run again when it ends. */
  rerun = false
  /** Settles when the current run has ended and been recorded. */
  ending: Promise<void> | null = null
  private live = new Map<string, ItemProgress>()
  private progress: JobProgress | null = null
  private startedAt = 0
  private elapsedBefore = 0
  private stop: RunView['stop']
  /** Titles and descriptions checked against the job's other answers and the product's keyword. */
  private readonly checks: AnswerChecks

  constructor(
    readonly job: StoredJob,
    readonly sample: boolean
  ) {
    this.template = jobTemplate(job.settings)
    this.checks = new AnswerChecks(this.template, job)
    this.status = job.state.finished ? 'completed' : job.state.stopped ? 'stopped' : 'idle'
    this.stop = job.state.stopped
  }

  get id(): string {
    return this.job.id
  }

  get running(): boolean {
    return this.status === 'running' || this.status === 'paused'
  }

  /** Every row; the job-wide checks are indexed first, so each row's flags see every answer. */
  rows(): QueueRow[] {
    for (const item of this.job.state.items.values()) this.checks.index(item)
    return [...this.job.state.items.keys()].flatMap((id) => this.row(id, false) ?? [])
  }

  row(id: string, index = true): QueueRow | undefined {
    const item = this.job.state.items.get(id)
    if (!item) return undefined
    if (index) this.checks.index(item)
    const live = this.running && toSend(item) ? this.live.get(id) : undefined
    const row = jobRow(item, this.template, live, (key) => this.keyLabel(key), this.batchOf(item))
    const flags = row.fields ? this.checks.flags(item) : []
    return flags.length > 0 ? { ...row, flags } : row
  }

  /** The open batch a photo waits in, as its row says it: "in batch 2 of 5 · in progress". */
  private batchOf(item: JobItem): QueueRow['batch'] {
    if (!toSend(item)) return undefined
    const batch = this.job.state.batch
    const part = partOf(batch, item.id)
    if (!part || part.settled) return undefined
    return { n: part.n, of: batch.parts.size, status: partStatus(part) }
  }

  whenIdle(): Promise<void> {
    return this.ending ?? Promise.resolve()
  }

  pathOf(id: string): string | undefined {
    return this.job.state.items.get(id)?.paths[0]
  }

  /** A run begins: live states start empty, the clock starts. */
  started(run: JobRunner, now: number): void {
    this.run = run
    this.live.clear()
    this.progress = null
    this.stop = undefined
    this.status = 'running'
    this.startedAt = now
  }

  /** Takes a progress batch; returns the ids of the rows it changed. */
  observe(progress: JobProgress): string[] {
    this.progress = progress
    for (const item of progress.items) this.live.set(item.id, item)
    return progress.items.map((item) => item.id)
  }

  ended(outcome: ProgressOutcome, now: number): void {
    this.elapsedBefore += now - this.startedAt
    this.run = null
    this.live.clear()
    this.status = outcome.status
    this.stop =
      outcome.status === 'stopped'
        ? { kind: outcome.kind, reason: outcome.reason, resumeInMs: outcome.resumeInMs }
        : undefined
  }

  runView(now: number): RunView {
    return {
      status: this.status,
      mode: this.job.settings.mode ?? 'live',
      batch: this.batchView(),
      // A run's own totals while it reports them: counting the saved state again took three
      // passes over every item at each progress tick (ten a second, 10,000 items).
      totals: this.running && this.progress ? this.progress.totals : this.savedTotals(),
      keys: this.progress?.keys ?? [],
      stop: this.stop,
      estimateUsd: this.estimateUsd,
      elapsedMs: this.elapsedBefore + (this.running ? now - this.startedAt : 0)
    }
  }

  /** The totals from the job's saved state (with the last run's figures once it has ended). */
  private savedTotals(): RunView['totals'] {
    const counts = countItems(this.job.state, toSend)
    const spent = jobSpend(this.job.state)
    const totals = this.progress?.totals ?? {
      ...emptyTotals(),
      total: counts.total,
      done: counts.done,
      failed: counts.failed,
      costUsd: spent.costUsd,
      tokensIn: spent.tokensIn,
      tokensOut: spent.tokensOut
    }
    return this.running ? totals : { ...totals, ...counts, inFlight: 0, retrying: 0 }
  }

  /** A Batch job's parts: live while it runs, else as the journal left them. */
  private batchView(): RunView['batch'] {
    const batch = this.job.state.batch
    if (batch.parts.size === 0) return undefined
    const rerunnable = [...this.job.state.items.values()].filter(
      (item) => item.status === 'failed' && item.code !== 'rejected'
    ).length
    if (this.running && this.progress?.batch) return { ...this.progress.batch, rerunnable }
    const phase = openParts(batch).length > 0 ? 'waiting' : 'done'
    const still = { limitOf: () => Number.POSITIVE_INFINITY, nextPollInMs: () => undefined }
    return { ...batchProgress(batch, phase, 0, still), rerunnable }
  }

  open(now: number): OpenView {
    const settings = this.job.settings
    const options = jobOptionsOf(settings)
    return {
      id: this.id,
      kind: 'job',
      name: settings.name,
      walking: false,
      demo: settings.endpoint.kind === 'demo',
      rows: this.rows(),
      options,
      run: this.runView(now)
    }
  }

  private keyLabel(keyId: string | undefined): string | undefined {
    return this.progress?.keys.find((key) => key.id === keyId)?.label
  }
}
