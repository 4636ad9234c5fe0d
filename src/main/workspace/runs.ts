import { notifyWords } from '@shared/i18n/catalog-words'
import { AppError, ErrorCodes, type ErrorCode } from '@shared/errors'
import type { JobProgress } from '@shared/domain/progress'
import {
  JobServiceError,
  describeEndpoint,
  endpointId,
  partPhotos,
  type JobMode,
  type JournalEvent,
  type StoredJob
} from '../../core'
import type { ProgressOutcome } from '@shared/domain/progress'
import { samplesDir } from '../../simulator/demo-setup'
import type { Draft } from './draft'
import { JobView } from './job-view'
import type { Workspace } from './workspace'

const SAMPLE_SIZE = 5
/** A job that ran longer than this says so in a notification when it ends. */
const NOTIFY_AFTER_MS = 60_000

/**
 * Run: a draft becomes a job and runs; an open job resumes. Returns the job id. Idempotent: while
 * a start for the open queue is in flight, or its job runs, another Run answers that job's id.
 */
export function runOpen(ws: Workspace): Promise<string> {
  const openId = ws.runs.openId ?? ''
  const open = ws.runs.view(openId)
  if (open?.running) return Promise.resolve(open.id)
  return ws.runs.startOnce(openId, () => beginOpen(ws))
}

async function beginOpen(ws: Workspace): Promise<string> {
  const draft = ws.openDraft()
  if (!draft) {
    const view = ws.openJob()
    await startRun(ws, view)
    return view.id
  }
  if (draft.walking) throw new AppError(ErrorCodes.busy, { code: 'photosStillAdding' })
  if (draft.listing().files.length === 0)
    throw new AppError(ErrorCodes.invalidInput, { code: 'nothingToRun' })
  const estimate = ws.estimate(draft)
  const job = await create(ws, ws.settingsFor(draft), draft.listing())
  const view = openJobView(ws, job, false)
  view.estimateUsd = estimate?.costStandard ?? null
  ws.runs.closeDraft()
  await startRun(ws, view)
  return job.id
}

/** "Try on a sample": the chosen settings on a few photos (picked, or spread over the queue). */
export async function runSample(ws: Workspace, ids: string[] | undefined): Promise<string> {
  const draft = ws.openDraft()
  if (!draft) throw new AppError(ErrorCodes.notFound, { code: 'sampleNeedsPhotos' })
  const paths = samplePaths(draft, ids)
  if (paths.length === 0) throw new AppError(ErrorCodes.invalidInput, { code: 'noReadablePhotos' })
  const settings = ws.settingsFor(draft, {
    name: `Sample of ${draft.name}`,
    inputs: paths,
    purpose: 'sample'
  })
  const job = await create(ws, settings, { files: paths, rejected: [], skipped: 0 })
  const view = ws.runs.showSample(new JobView(job, true))
  view.estimateUsd = draft.estimate(settings)?.costStandard ?? null
  ws.pump.set({ sample: view.open(ws.now()) })
  await startRun(ws, view)
  return job.id
}

/** "Try the demo": the bundled sample photos through the built-in simulator, started at once. */
export async function runDemo(ws: Workspace): Promise<string> {
  const draft = ws.ensureDraft()
  await draft.add([samplesDir()])
  const settings = ws.settingsFor(draft, {
    name: 'Demo: sample photos',
    endpoint: { kind: 'demo' }
  })
  const limits = ws.deps.connection.demoLimits()
  const job = await create(ws, { ...settings, ...limits }, draft.listing())
  const view = openJobView(ws, job, false)
  view.estimateUsd = draft.estimate({ ...settings, ...limits })?.costStandard ?? null
  ws.runs.closeDraft()
  await startRun(ws, view)
  return job.id
}

const watching = new WeakSet<Workspace>()

/**
 * The window's ready handshake: the whole state now, and (the first time) every job with batches
 * still at the Batch API is watched again.
 */
export async function windowReady(ws: Workspace): ReturnType<Workspace['snapshot']> {
  const snapshot = await ws.snapshot()
  if (!watching.has(ws)) {
    watching.add(ws)
    void watchOpenBatches(ws)
  }
  return snapshot
}

/**
 * When the app starts: every job with batches still at the Batch API runs again, so the app polls
 * and collects them after a restart as the CLI's resume does (a job without a usable key waits).
 */
export async function watchOpenBatches(ws: Workspace): Promise<void> {
  for (const summary of await ws.service.list()) {
    if (!summary.batchesOpen || ws.runs.view(summary.id)?.running) continue
    const view = ws.runs.track(
      ws.runs.view(summary.id) ?? new JobView(await ws.service.open(summary.id), false)
    )
    await startRun(ws, view).catch(() => undefined)
  }
}

/** Opens a job view in the window (replacing what was open). */
export function openJobView(ws: Workspace, job: StoredJob, sample: boolean): JobView {
  const view = ws.runs.show(ws.runs.view(job.id) ?? new JobView(job, sample))
  ws.pump.set({ view: view.open(ws.now()), sample: null })
  return view
}

/** Starts (or resumes) a job's run on its endpoint; progress flows to the window from here. */
export async function startRun(ws: Workspace, view: JobView, mode?: JobMode): Promise<void> {
  if (view.running) throw new AppError(ErrorCodes.busy, { code: 'alreadyRunning' })
  refuseOtherEndpoint(ws, view)
  const connection = await ws.deps.connection.open(
    view.job.settings.endpoint,
    view.job.settings.model
  )
  const run = ws.service.start(
    view.job,
    connection,
    (progress) => progressed(ws, view, progress),
    (event) => recorded(ws, view, event),
    mode
  )
  view.started(run, ws.now())
  ws.pump.patch(view.id, { run: view.runView(ws.now()), rows: view.rows() })
  ws.ticker.running(true)
  void ws.refreshJobs()
  view.ending = run.run().then(
    (outcome) => ended(ws, view, outcome),
    (error: Error) =>
      ended(ws, view, { status: 'stopped', kind: 'internal', reason: error.message })
  )
}

/** A job resumes only where it ran; "Move this job" (`moveJob`) is the deliberate way elsewhere. */
function refuseOtherEndpoint(ws: Workspace, view: JobView): void {
  const recorded = view.job.settings.endpoint
  if (recorded.kind === 'demo') return
  const current = ws.deps.connection.endpoint()
  if (endpointId(recorded) === endpointId(current)) return
  const moved = `${describeEndpoint(recorded)} → ${describeEndpoint(current)}`
  throw new AppError(ErrorCodes.refused, {
    code: 'endpointMoved',
    field: 'endpoint',
    params: { n: moved }
  })
}

/**
 * "Move this job to …": what is left of a stopped job goes to the endpoint Settings name now, at
 * that endpoint's prices; answers cached for the old endpoint are not reused there.
 */
export async function moveJob(ws: Workspace, id: string): Promise<{ from: string; to: string }> {
  const view = ws.runs.view(id) ?? new JobView(await refusedAsAppError(ws.service.open(id)), false)
  if (view.running) throw new AppError(ErrorCodes.busy, { code: 'stopBeforeMove' })
  const { pricing, prices } = ws.deps.connection.priced(view.job.settings.model)
  const to = ws.deps.connection.endpoint()
  return refusedAsAppError(ws.service.moveEndpoint(view.job, to, { pricing, prices }))
}

/** The engine's refusals as the window's (of `kind`), their problem kept whole. */
export async function refusedAsAppError<T>(
  work: Promise<T>,
  kind: ErrorCode = ErrorCodes.refused
): Promise<T> {
  try {
    return await work
  } catch (error) {
    if (error instanceof JobServiceError) throw new AppError(kind, error.problem)
    throw error
  }
}

function progressed(ws: Workspace, view: JobView, progress: JobProgress): void {
  const ids = view.observe(progress)
  const now = ws.now()
  ws.history.observe(view.id, progress)
  const rows = ids.flatMap((id) => view.row(id) ?? [])
  ws.pump.patch(view.id, { rows, run: view.runView(now) })
  if (ws.runs.openId === view.id) {
    const { done, failed, total } = progress.totals
    const fraction = total > 0 ? (done + failed) / total : 0
    ws.deps.desktop.setProgress(
      fraction,
      `Photoscribe — ${Math.floor(fraction * 100)}% · ${view.job.settings.name}`
    )
  }
}

function recorded(ws: Workspace, view: JobView, event: JournalEvent): void {
  if ('part' in event) return batchRecorded(ws, view, event.part)
  if (!('id' in event)) return
  const row = view.row(event.id)
  ws.pump.patch(view.id, row ? { rows: [row] } : { removed: [event.id] })
  ws.jobsLater()
}

/** A batch moved: its photos' rows say where it stands now ("in batch 2 of 5 · in progress"). */
function batchRecorded(ws: Workspace, view: JobView, n: number): void {
  const part = view.job.state.batch.parts.get(n)
  if (!part) return
  const rows = partPhotos(part).flatMap((id) => view.row(id) ?? [])
  ws.pump.patch(view.id, { rows, run: view.runView(ws.now()) })
}

async function ended(ws: Workspace, view: JobView, outcome: ProgressOutcome): Promise<void> {
  const { elapsedMs: elapsed, keys } = view.runView(ws.now())
  await rememberHeaders(ws, view.job.settings.model, keys)
  view.ended(outcome, ws.now())
  ws.history.forget(view.id)
  ws.ticker.running(ws.runs.anyRunning())
  ws.pump.patch(view.id, { run: view.runView(ws.now()), rows: view.rows() })
  await ws.refreshJobs()
  if (ws.runs.openId === view.id) ws.deps.desktop.setProgress(null, 'Photoscribe')
  if (elapsed > NOTIFY_AFTER_MS && !view.sample)
    ws.deps.desktop.notify(...endWords(view, outcome, uiLanguage(ws)))
  if (view.rerun && outcome.status === 'completed') {
    view.rerun = false
    await startRun(ws, view)
  }
}

/** What each Settings key's headers said in this run: shown beside its configured limits. */
async function rememberHeaders(
  ws: Workspace,
  model: string,
  keys: { id: string; rpm: number; tpm: number; limitsFrom: string }[]
): Promise<void> {
  const settings = ws.deps.connection.settings
  const known = new Set((await settings.current()).keys.map((key) => key.id))
  for (const key of keys)
    if (key.limitsFrom === 'headers' && known.has(key.id))
      await settings.recordReported(key.id, model, key.rpm, key.tpm)
}

/** The end of a run as a notification, in the app's language. */
function endWords(view: JobView, outcome: ProgressOutcome, language: string): [string, string] {
  const { done, failed } = view.runView(0).totals
  const say = (key: Parameters<typeof notifyWords>[1]): string =>
    notifyWords(language, key, { name: view.job.settings.name, done, failed })
  if (outcome.status === 'completed')
    return [say('notify.done'), say(failed ? 'notify.doneFailed' : 'notify.doneBody')]
  if (outcome.status === 'stopped') return [say('notify.stopped'), outcome.reason]
  return [say('notify.cancelled'), say('notify.cancelledBody')]
}

async function create(
  ws: Workspace,
  settings: Parameters<Workspace['service']['create']>[0],
  listing: Parameters<Workspace['service']['create']>[2]
): Promise<StoredJob> {
  return refusedAsAppError(ws.service.create(settings, undefined, listing))
}

function samplePaths(draft: Draft, ids: string[] | undefined): string[] {
  const photos = [...draft.files.values()].filter((file) => !file.rejected)
  if (ids?.length) return photos.filter((file) => ids.includes(file.id)).map((file) => file.path)
  if (photos.length <= SAMPLE_SIZE) return photos.map((file) => file.path)
  const step = photos.length / SAMPLE_SIZE
  return Array.from({ length: SAMPLE_SIZE }, (_, i) => photos[Math.floor(i * step + step / 2)].path)
}

function uiLanguage(ws: Workspace): string {
  return ws.deps.connection.settings.value.uiLanguage
}
