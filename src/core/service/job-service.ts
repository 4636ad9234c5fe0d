import { resolve } from 'node:path'
import { englishProblem } from '@shared/i18n/problems'
import type { Problem } from '@shared/problem'
import { modelLife, type ModelLife } from '@shared/models/lifecycle'
import { ModelListings, deadModelProblem, lifeOn, todayFrom } from './model-check'
import type { Connection } from './connection'

export type { Connection, ConnectionKey } from './connection'
import type { JobProgress } from '@shared/domain/progress'
import { exportJob, type ExportChoice, type ExportReport } from '../export/export-job'
import {
  describeEndpoint,
  endpointId,
  resumeEndpointProblem,
  type EndpointRef
} from '../openai/endpoint'
import { createOpenAITransport } from '../openai/transport'
import { systemClock, type Clock } from '../scheduler/clock'
import { FileLeaseBoard } from '../scheduler/key-lease'
import { endpointOf, keySpecs } from './key-specs'
import { LanePool } from '../scheduler/lane-pool'
import { photosProblem, settingsProblem } from './create-checks'
import { flexProblem } from '../jobs/flex'
import {
  listJobs,
  loadJob,
  saveJobSettings,
  type JobSettings,
  type StoredJob
} from '../jobs/job-store'
import type { JobSummary } from '../jobs/job-summary'
import { draftEstimate } from '../jobs/draft-estimate'
import { UsageLearning } from '../estimate/usage-learning'
import { dataLayout } from '../paths'
import { estimateFromPhotos } from '../jobs/dry-run'
import type { KeyEstimateLimits, MeasuredPhoto } from '../jobs/photo-estimate'
import type { EstimateView } from '@shared/domain/queue'
import type { RateLimits } from '@shared/models/catalog'
import { newJob } from '../jobs/new-job'
import { JobRun } from '../jobs/run-job'
import { createBatchClient } from '../batch/batch-client'
import {
  jobsOnDyingModels,
  switchJobModel,
  switchProblem,
  type JobOnDyingModel
} from './model-switch'
import { BatchRun } from '../batch/batch-run'
import {
  BatchWatchPool,
  DEMO_POLL_SCHEDULE,
  POLL_SCHEDULE,
  type PollSchedule
} from '../batch/batch-watch'
import type { JournalEvent } from '../jobs/journal-events'
import type { JobTotals } from '../scheduler/totals'
import type { JobOutcome } from '../scheduler/types'
import type { Listing } from '../ingest/ingest'

/** How a job's requests go: one by one at the key's limits, or through the Batch API. */
export type JobMode = 'live' | 'flex' | 'batch'

/** A job being run, live or through the Batch API: what the CLI and the window may do with it. */
export interface JobRunner {
  readonly id: string
  /** Runs to the end, a stop or a cancel; everything answered is journaled first. */
  run(): Promise<JobOutcome>
  pause(): void
  resume(): void
  cancel(): void
  /** Counts, tokens, money and requests possibly paid twice, now. */
  totals(): JobTotals
  /** Journals a person's change while the run holds the journal; false once it has closed it. */
  note(event: JournalEvent): Promise<boolean>
  /** Settings changed while running: each key's limits and the in-flight maximum. */
  retune(keys: readonly { id: string; rpm: number; tpm: number }[], maxConcurrency: number): void
  /** Cancels the job's open batches (a live run has none and refuses). */
  cancelBatches(): Promise<void>
}

/**
 * A job request the engine refuses: the problem as data, with the setting at fault in `field`
 * (`budget`, `endpoint`, `job`, `mode`): the CLI names its flag, the window its field.
 */
export class JobServiceError extends Error {
  constructor(readonly problem: Problem & { field: string }) {
    super(englishProblem(problem))
    this.name = 'JobServiceError'
  }

  get field(): string {
    return this.problem.field
  }
}

const refuse = (field: string, code: string, params?: Problem['params']): JobServiceError =>
  new JobServiceError({ code, field, ...(params ? { params } : {}) })

/** Batch on Azure, or Flex where it is not offered: refused before anything is sent. */
function refuseMode(settings: JobSettings, mode: JobMode, azure: boolean): void {
  if (mode === 'batch' && azure) throw refuse('mode', 'azureNoBatch')
  const flex = mode === 'flex' ? flexProblem(settings, azure) : null
  if (flex) throw new JobServiceError({ ...flex, field: 'mode' })
}

/**
 * The one way to run a job, for the CLI and the window alike: create or open it (refusing what
 * cannot work, with the field named), start it on a connection, export it.
 */
export class JobService {
  /** Every run this service starts shares one lane per key: together they keep the key's limits. */
  private readonly lanes = new LanePool()
  private readonly leases: FileLeaseBoard
  /** And one batch watch per key: one poll covers every job's batches (the demo's poll faster). */
  private readonly watches: BatchWatchPool
  private readonly demoWatches: BatchWatchPool
  /** What answers taught about image tokens and admission charges, shared by every job. */
  readonly learning: UsageLearning

  constructor(
    readonly dataDir: string,
    private readonly clock: Clock = systemClock,
    pollSchedule: PollSchedule = POLL_SCHEDULE,
    /** The day it is (`YYYY-MM-DD`): models are refused or warned about by it. */
    readonly today: () => string = todayFrom(),
    /** Endpoints' own model lists, an hour each (the window shares them with Test key). */
    private readonly listings: ModelListings = new ModelListings()
  ) {
    this.learning = UsageLearning.open(dataLayout(dataDir).learnedUsage)
    this.leases = new FileLeaseBoard(dataLayout(dataDir).leases)
    this.watches = new BatchWatchPool(clock, pollSchedule)
    this.demoWatches = new BatchWatchPool(clock, DEMO_POLL_SCHEDULE)
  }

  /** Where a model stands today by the catalog (the endpoint's own list is checked at start). */
  modelLife(model: string): ModelLife {
    return modelLife(model, this.today())
  }

  /** Lists and journals the photos of a new job, after checking its settings. */
  async create(
    settings: JobSettings,
    onFound?: (files: number) => void,
    listed?: Listing
  ): Promise<StoredJob> {
    const problem = settingsProblem(settings, this.modelLife(settings.model))
    if (problem) throw new JobServiceError(problem)
    return newJob(this.dataDir, settings, onFound, listed, (paths) => {
      const refused = photosProblem(settings, paths)
      if (refused) throw new JobServiceError(refused)
    })
  }

  /** Every job in the data folder, newest first: counts, money, where it stands (`loaded`: jobs held in memory, counted from there). */
  list(loaded?: (id: string) => StoredJob | undefined): Promise<JobSummary[]> {
    return listJobs(this.dataDir, loaded)
  }

  /** A job as saved (to look at, estimate or export); a damaged or missing one is refused. */
  async open(jobId: string): Promise<StoredJob> {
    return loadJob(this.dataDir, jobId).catch((error: Error) => {
      throw refuse('job', 'jobUnreadable', { n: error.message })
    })
  }

  /** A job to run again on `endpoint`: refused when it ran elsewhere ("move" it instead). */
  async resume(jobId: string, endpoint: EndpointRef): Promise<StoredJob> {
    const job = await this.open(jobId)
    const problem = resumeEndpointProblem(job.settings.endpoint, endpoint)
    if (problem) throw new JobServiceError({ ...problem, field: 'endpoint' })
    return job
  }

  /**
   * The job's photos are under `folder` on this machine (its folder was copied from another):
   * the journal's relative paths resolve from there. Refused for a job of absolute paths.
   */
  async rootPhotosAt(job: StoredJob, folder: string): Promise<StoredJob> {
    if (!job.settings.photoRoot)
      throw new Error(
        `Job ${job.id} keeps its photos by absolute paths (it was made before jobs had a photo root, or from two drives); --photo-root cannot move it.`
      )
    await saveJobSettings(job, { ...job.settings, photoRoot: resolve(folder) })
    return this.open(job.id)
  }

  /**
   * What a job would cost and take before anything is sent: from the photos measured so far
   * (`total` photos in all) at the keys' limits, the estimate the window shows as a queue fills.
   */
  estimate(
    spec: JobSettings,
    measured: readonly MeasuredPhoto[],
    total: number,
    keyLimits?: readonly KeyEstimateLimits[]
  ): EstimateView {
    return draftEstimate(spec, measured, total, keyLimits, this.learning)
  }

  /** The same estimate for a saved job, every pending photo measured (`--dry-run`). */
  estimateJob(job: StoredJob, keys: RateLimits[]): ReturnType<typeof estimateFromPhotos> {
    return estimateFromPhotos(job.state, job.settings, keys, this.learning)
  }

  /** Unfinished jobs whose model is switched off or shuts down within the warning window. */
  async jobsOnDyingModels(): Promise<JobOnDyingModel[]> {
    return jobsOnDyingModels(await this.list(), this.today())
  }

  /**
   * Moves what is left of a stopped job to another model because the person asked (a model
   * shutting down): refused while it runs, has batches open, or for a model already gone.
   */
  async switchModel(
    job: StoredJob,
    to: string,
    changes: Pick<JobSettings, 'pricing' | 'prices'>
  ): Promise<{ from: string; to: string }> {
    const problem = switchProblem(job, to, this.today())
    if (problem) throw new JobServiceError(problem)
    return switchJobModel(job, to, changes)
  }

  /**
   * Moves a stopped job to another endpoint, deliberately: what is left goes there from now on,
   * priced as `changes` say (that endpoint's prices), and no answer cached for the old endpoint is
   * served (the cache is keyed by endpoint). Refused for the demo both ways.
   */
  async moveEndpoint(
    job: StoredJob,
    to: EndpointRef,
    changes: Pick<JobSettings, 'pricing' | 'prices'>
  ): Promise<{ from: string; to: string }> {
    const from = job.settings.endpoint
    if (from.kind === 'demo' || to.kind === 'demo') throw refuse('endpoint', 'demoStaysDemo')
    if (endpointId(from) === endpointId(to))
      throw refuse('endpoint', 'alreadyOnEndpoint', { n: describeEndpoint(to) })
    await saveJobSettings(job, { ...job.settings, ...changes, endpoint: to })
    return { from: describeEndpoint(from), to: describeEndpoint(to) }
  }

  /**
   * A run of the job on the connection, ready to `run()`, pause, resume or cancel: live, or
   * through the Batch API (`mode`, else the job's own).
   */
  start(
    job: StoredJob,
    connection: Connection,
    onProgress?: (p: JobProgress) => void,
    onRecorded?: (event: JournalEvent) => void,
    mode: JobMode = job.settings.mode ?? 'live'
  ): JobRunner {
    const endpoint = endpointOf(connection)
    const secrets = new Map(connection.keys.map((key) => [key.id, key.apiKey]))
    refuseMode(job.settings, mode, Boolean(connection.azure))
    const transport = createOpenAITransport(endpoint, secrets)
    this.lanes.restart(connection.keys.map((key) => key.id))
    const keys = keySpecs(job, connection.keys, connection)
    const maxConcurrency = connection.maxConcurrency ?? job.settings.maxConcurrency
    const context = {
      dataDir: this.dataDir,
      transport,
      keys,
      clock: this.clock,
      onProgress,
      onRecorded,
      lanes: this.lanes,
      leases: this.leases,
      maxConcurrency,
      learning: this.learning,
      // Before any photo is sent: the model must still exist, by the endpoint's list and date.
      checkModel: async () =>
        deadModelProblem(
          job.settings.model,
          await lifeOn(this.listings, connection, job.settings.model, this.today())
        )
    }
    if (mode === 'live') return new JobRun(job, context)
    if (mode === 'flex')
      return new JobRun(job, { ...context, flex: { fallback: job.settings.flexFallback } })
    const batchClient = createBatchClient(endpoint, secrets, job.settings.model)
    const watches = job.settings.endpoint.kind === 'demo' ? this.demoWatches : this.watches
    return new BatchRun(job, { ...context, batchClient, watches })
  }

  /** Settings changed while `run` runs: its keys' limits and the in-flight maximum follow. */
  retune(
    run: JobRunner,
    job: StoredJob,
    connection: Pick<Connection, 'keys' | 'maxConcurrency'>
  ): void {
    const keys = keySpecs(job, connection.keys)
    run.retune(keys, connection.maxConcurrency ?? job.settings.maxConcurrency)
  }

  /** Writes the job's results to `path` (format by extension); returns the number of rows. */
  export(job: StoredJob, path: string, choice: ExportChoice = {}): Promise<ExportReport> {
    return exportJob(job, path, this.dataDir, choice)
  }
}
