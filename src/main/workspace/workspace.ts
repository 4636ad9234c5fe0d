import { issueProblem } from '@shared/problem'
import {
  BUILTIN_TEMPLATES,
  TemplateStore,
  modelNote,
  jobSettingsFrom,
  noteOnJob,
  openEngine,
  templatesDir,
  type JobService,
  type JobSettings,
  type JournalEvent,
  type Template
} from '../../core'
import { jobOptionsSchema, type JobOptions } from '@shared/domain/job-options'
import type { EstimateView } from '@shared/domain/queue'
import type { OpenView, Snapshot } from '@shared/domain/workspace'
import { AppError, ErrorCodes } from '@shared/errors'
import { emptyTotals } from '@shared/domain/run-view'
import { Draft, type DraftChange } from './draft'
import { jobEntry } from './job-entries'
import type { JobView } from './job-view'
import { LimitHistory } from './limit-history'
import { BusyThrottle } from './busy-throttle'
import { UpdatePump } from './update-pump'
import { choices, LANGUAGE_CHOICES, loadTemplates } from './choices'
import { Ticker } from './ticker'
import { RunCoordinator } from './run-coordinator'
import { modelOffers } from './model-offers'
import { StudioDesk } from './studio/studio-desk'
import type { WorkspaceDeps } from './workspace-deps'

export type { WorkspaceDeps } from './workspace-deps'

/**
 * Everything the window works with, in main: the queue being built (a draft), the jobs open,
 * their runs on one shared job service (one lane per key, whatever runs), and the updates the
 * window hears, coalesced. The window only ever holds copies.
 */
export class Workspace {
  readonly service: JobService
  readonly pump: UpdatePump
  readonly history = new LimitHistory()
  /** What is open and what runs: the only writer of that state. */
  readonly runs = new RunCoordinator()
  readonly now: () => number
  readonly ticker: Ticker
  private drafts = 0
  private jobsTimer: ReturnType<typeof setTimeout> | null = null
  private templates: Template[] = [...BUILTIN_TEMPLATES]

  readonly templateStore: TemplateStore
  readonly studio: StudioDesk = new StudioDesk(this)

  constructor(readonly deps: WorkspaceDeps) {
    this.service = openEngine(deps.dataDir, process.env, deps.connection.listings)
    this.pump = new UpdatePump(deps.send, undefined, (update) => this.studio.complete(update))
    this.now = deps.now ?? Date.now
    this.ticker = new Ticker(() => this.tick())
    this.templateStore = new TemplateStore(templatesDir(deps.dataDir))
    deps.connection.settings.onChange(() => void this.settingsChanged())
  }

  /** Settings changed: the window hears them, where jobs go, and the open queue's new estimate. */
  private async settingsChanged(): Promise<void> {
    const settings = await this.deps.connection.settings.view()
    const connection = this.deps.connection.info()
    const { modelOffers } = await this.jobsAndOffers()
    this.pump.set({ settings, connection, modelOffers, studio: this.studio.view() })
    const draft = this.openDraft()
    const estimate = draft && this.estimate(draft)
    if (draft && estimate) this.pump.patch(draft.id, { estimate })
    this.retuneRuns()
  }

  /** Limits and concurrency saved in Settings reach the jobs running now, not only the next. */
  private retuneRuns(): void {
    for (const view of this.runs.views()) {
      if (!view.run || !view.running || view.job.settings.endpoint.kind === 'demo') continue
      const tuning = this.deps.connection.tuning(view.job.settings.model)
      if (tuning) this.service.retune(view.run, view.job, tuning)
    }
  }

  /** Templates changed (saved, imported, removed): the pickers follow. */
  async templatesChanged(): Promise<void> {
    this.templates = await loadTemplates(this.templateStore)
    this.pump.set({ templates: choices(this.templates).templates })
  }

  /** A template by id among the built-ins and the saved ones. */
  template(id: string): Template | undefined {
    return this.templates.find((t) => t.id === id)
  }

  /** Once a second while something runs: a chart sample, and run views (elapsed, countdowns). */
  private tick(): void {
    this.pump.set({ history: [this.history.tick(this.now())] })
    for (const view of this.runs.views())
      if (view.running) this.pump.patch(view.id, { run: view.runView(this.now()) })
  }

  /** Refreshes the jobs list at most once a second while answers come in. */
  jobsLater(): void {
    this.jobsTimer ??= setTimeout(() => {
      this.jobsTimer = null
      void this.refreshJobs()
    }, 1000)
  }

  /** Stops timers and runs (the app quits, a test ends). */
  async close(): Promise<void> {
    this.ticker.running(false)
    if (this.jobsTimer) clearTimeout(this.jobsTimer)
    this.estimates.cancel()
    this.pump.reset()
    for (const view of this.runs.views()) view.run?.cancel()
    await Promise.all([...this.runs.views().map((view) => view.whenIdle()), this.studio.close()])
    await this.deps.connection.close()
  }

  /** The ready handshake: the whole state now; updates follow from here. */
  async snapshot(): Promise<Snapshot> {
    await this.deps.connection.settings.ready
    this.templates = await loadTemplates(this.templateStore)
    const { jobs, modelOffers } = await this.jobsAndOffers()
    const resumable =
      jobs.find((job) => !job.finished && !job.running && !job.sample && job.pending > 0) ?? null
    const { templates, models } = choices(this.templates)
    // Everything pending so far is in this snapshot; what changes from here goes out as updates,
    // which main sends after this answer (the window drops updates that came before it).
    this.pump.reset()
    return {
      view: this.openView(),
      sample: this.sampleView(),
      jobs,
      connection: this.deps.connection.info(),
      templates,
      models,
      languages: LANGUAGE_CHOICES,
      history: [...this.history.samples],
      resumable,
      settings: await this.deps.connection.settings.view(),
      modelOffers,
      studio: this.studio.view()
    }
  }

  /** The draft, when it is what the window shows. */
  openDraft(): Draft | null {
    return this.runs.openDraft()
  }

  openView(): OpenView | null {
    const draft = this.openDraft()
    if (draft) return this.draftView(draft)
    return this.runs.view(this.runs.openId)?.open(this.now()) ?? null
  }

  sampleView(): OpenView | null {
    return this.runs.view(this.runs.sampleId)?.open(this.now()) ?? null
  }

  draftView(draft: Draft): OpenView {
    return {
      id: draft.id,
      kind: 'draft',
      name: draft.name,
      walking: draft.walking,
      demo: false,
      rows: draft.rows(),
      options: draft.options,
      estimate: this.estimate(draft) ?? undefined,
      run: {
        status: 'idle',
        totals: emptyTotals(draft.files.size),
        keys: [],
        mode: draft.options.mode,
        elapsedMs: 0
      }
    }
  }

  /** The queue photos are added to: the open draft, or a new one opened in its place. */
  ensureDraft(): Draft {
    const open = this.openDraft()
    if (open) return open
    const changed = (change: DraftChange): void => {
      if (change.rows) this.pump.patch(draft.id, { rows: change.rows })
      if (change.walking !== undefined)
        this.pump.patch(draft.id, { walking: change.walking, name: draft.name })
      if (change.rows || change.measured !== undefined) this.estimateLater(draft)
    }
    const draft = new Draft(`draft-${++this.drafts}`, this.defaultOptions(), changed, this.service)
    this.runs.openNewDraft(draft)
    this.pump.set({ view: this.draftView(draft), sample: null })
    return draft
  }

  /** A new queue's options: the defaults chosen in Settings. */
  defaultOptions(): JobOptions {
    const { budgetUsd, ...defaults } = this.deps.connection.settings.value.defaults
    const parsed = jobOptionsSchema.safeParse({
      ...defaults,
      ...(budgetUsd === null ? {} : { budgetUsd })
    })
    return parsed.success ? parsed.data : jobOptionsSchema.parse({})
  }

  /** The draft's job settings (what Run would create), from its options and Settings' prices. */
  settingsFor(draft: Draft, extra: Partial<JobSettings> = {}): JobSettings {
    const template =
      this.templates.find((t) => t.id === draft.options.templateId) ?? BUILTIN_TEMPLATES[0]
    const { model } = draft.options
    const { pricing, prices = draft.options.prices } = this.deps.connection.priced(model)
    return {
      ...jobSettingsFrom(draft.options, {
        inputs: draft.inputs,
        template,
        endpoint: this.deps.connection.endpoint(),
        productContext: draft.sheet?.context
      }),
      prices,
      pricing,
      ...extra
    }
  }

  estimate(draft: Draft): EstimateView | null {
    const { model } = draft.options
    const view = draft.estimate(this.settingsFor(draft), this.deps.connection.keyLimits(model))
    if (!view) return null
    const note = modelNote(model, this.service.modelLife(model))
    return note ? { ...view, model: note } : view
  }

  /** Changes a draft's options; a budget or SKU pattern of null clears it. */
  setOptions(
    draft: Draft,
    change: { [K in keyof JobOptions]?: JobOptions[K] | null }
  ): EstimateView | null {
    const next: Record<string, unknown> = { ...draft.options, ...change }
    for (const [key, value] of Object.entries(change)) if (value === null) delete next[key]
    const parsed = jobOptionsSchema.safeParse(next)
    if (!parsed.success) {
      throw new AppError(ErrorCodes.invalidInput, issueProblem(parsed.error.issues))
    }
    draft.options = parsed.data
    return this.estimate(draft)
  }

  /** Tells the window the jobs list changed (counts, a new job, a run that ended). */
  async refreshJobs(): Promise<void> {
    this.pump.set(await this.jobsAndOffers())
  }

  /** The jobs list and the switches offered off dying models, from one read of the summaries. */
  private async jobsAndOffers(): Promise<Pick<Snapshot, 'jobs' | 'modelOffers'>> {
    const running = (id: string): boolean => this.runs.view(id)?.running ?? false
    // A job running here is counted from memory (its lock keeps other writers out): its summary
    // is stale while it runs, and its journal would be replayed once a second as answers come in.
    const summaries = await this.service.list((id) => {
      const view = this.runs.view(id)
      return view?.running ? view.job : undefined
    })
    const settings = this.deps.connection.settings.value
    return {
      jobs: summaries.map((summary) => jobEntry(summary, running(summary.id))),
      modelOffers: modelOffers(summaries, settings, this.service.today())
    }
  }

  async jobEntries(): Promise<Snapshot['jobs']> {
    return (await this.jobsAndOffers()).jobs
  }

  /** The open job view, or a clear refusal when the open queue is not a job. */
  openJob(): JobView {
    return this.runs.openJob()
  }

  /** Journals a person's changes on a job: through its run when one holds the journal. */
  async note(view: JobView, events: JournalEvent[]): Promise<void> {
    const run = view.run
    if (run && (await Promise.all(events.map((event) => run.note(event)))).every(Boolean)) return
    await noteOnJob(view.job, events)
  }

  private readonly estimates = new BusyThrottle()

  /** Re-estimates while a walk or header reads are going (at most 4 a second; see BusyThrottle). */
  private estimateLater(draft: Draft): void {
    this.estimates.later(() => {
      const estimate = this.estimate(draft)
      if (estimate) this.pump.patch(draft.id, { estimate })
    })
  }
}
