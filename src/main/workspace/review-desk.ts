import { AppError, ErrorCodes } from '@shared/errors'
import { previewTemplate, type ItemResult, type JournalEvent, type Verdict } from '../../core'
import type { JobView } from './job-view'
import { startRun } from './runs'
import type { Workspace } from './workspace'

/**
 * How to take back one action of the review desk: each answer as it was before it, and whether
 * the action paid for a new answer (a regenerate), whose spend Undo keeps.
 */
interface UndoStep {
  answers: { id: string; result: ItemResult; verdict: Verdict | null }[]
  paid: boolean
}

/** The most actions Undo can take back, per job (older ones stay journaled, only not undoable). */
const UNDO_DEPTH = 50
const undoSteps = new WeakMap<JobView, UndoStep[]>()

/** The job whose answers the desk judges: the open job, or the sample beside it. */
export function deskView(ws: Workspace): JobView {
  const view = ws.runs.editable()
  if (!view) throw new AppError(ErrorCodes.notFound, { code: 'openJobFirst' })
  return view
}

/**
 * Remembers the answers `ids` as they are now, so Undo can put them back: called before every
 * change a person makes at the desk (a verdict, an edit).
 */
export function rememberForUndo(view: JobView, ids: readonly string[], paid = false): void {
  const step: UndoStep = { answers: [], paid }
  for (const id of ids) {
    const item = view.job.state.items.get(id)
    if (item?.status === 'done' && item.result)
      step.answers.push({ id, result: structuredClone(item.result), verdict: item.verdict ?? null })
  }
  if (step.answers.length === 0) return
  const steps = undoSteps.get(view) ?? []
  steps.push(step)
  if (steps.length > UNDO_DEPTH) steps.shift()
  undoSteps.set(view, steps)
}

/**
 * Approves or rejects answers (null takes the judgement back), journaled. Only answered photos
 * whose verdict changes are written; returns how many changed.
 */
export async function judge(
  ws: Workspace,
  ids: readonly string[],
  verdict: Verdict | null
): Promise<number> {
  const view = deskView(ws)
  const changing = ids.filter((id) => {
    const item = view.job.state.items.get(id)
    return item?.status === 'done' && (item.verdict ?? null) !== verdict
  })
  if (changing.length === 0) return 0
  rememberForUndo(view, changing)
  const at = Date.now()
  await note(
    ws,
    view,
    changing.map((id): JournalEvent => ({ e: 'verdict', id, at, verdict }))
  )
  return changing.length
}

/**
 * "Approve all that pass": every answer not judged yet that broke no rule and fails no check
 * against the job (a duplicate title, a missing keyword).
 */
export function approvePassing(ws: Workspace): Promise<number> {
  const view = deskView(ws)
  const passing = view.rows().filter((row) => row.status === 'done' && !row.flags)
  return judge(
    ws,
    passing.map((row) => row.id),
    'approved'
  )
}

/** Takes back the desk's last action on the open job: its answers and verdicts as they were. */
export async function undoLast(ws: Workspace): Promise<number> {
  const view = deskView(ws)
  const steps = undoSteps.get(view)
  const step = steps?.at(-1)
  if (!step) return 0
  // A regenerate whose answer has not come yet cannot be taken back: it is already sent.
  if (step.answers.some(({ id }) => view.job.state.items.get(id)?.redo !== undefined))
    throw new AppError(ErrorCodes.busy, { code: 'regenerating' })
  steps!.pop()
  const at = Date.now()
  const setAside = step.paid ? { setAside: true } : {}
  await note(
    ws,
    view,
    step.answers.map(({ id, result, verdict }): JournalEvent => ({
      e: 'restored',
      id,
      at,
      result,
      verdict,
      ...setAside
    }))
  )
  return step.answers.length
}

/** What asking for another answer to `id` would cost (the same request as a run sends), in USD. */
export async function regenerateCost(ws: Workspace, id: string): Promise<number | null> {
  const view = deskView(ws)
  const item = answered(view, id)
  const preview = await previewTemplate(view.template, view.job.settings, item.paths[0])
  return preview.costUsd
}

/**
 * Asks for another answer to `id` (or to one `field` of it) with the person's note ("shorter",
 * "mention the material"): journaled, then sent by the job's run, past the answer cache. The old answer stays until the
 * new one arrives, and Undo puts it back (the new one's spend is kept).
 */
export async function regenerate(
  ws: Workspace,
  id: string,
  text: string,
  field?: string
): Promise<void> {
  const view = deskView(ws)
  answered(view, id)
  if (field !== undefined && !view.template.fields.some((spec) => spec.name === field))
    throw new AppError(ErrorCodes.invalidInput, { code: 'unknownField', params: { n: field } })
  rememberForUndo(view, [id], true)
  const asked = field === undefined ? {} : { field }
  await note(ws, view, [{ e: 'regenerate', id, at: Date.now(), note: text.trim(), ...asked }])
  if (view.running) view.rerun = true
  else await startRun(ws, view)
}

function answered(view: JobView, id: string) {
  const item = view.job.state.items.get(id)
  if (item?.status !== 'done' || !item.result)
    throw new AppError(ErrorCodes.notFound, { code: 'editNeedsAnswer' })
  return item
}

/** Journals the events and sends the window the rows they changed, and the jobs list. */
async function note(ws: Workspace, view: JobView, events: JournalEvent[]): Promise<void> {
  await ws.note(view, events)
  const rows = events.flatMap((event) => ('id' in event ? (view.row(event.id) ?? []) : []))
  ws.pump.patch(view.id, { rows, run: view.runView(ws.now()) })
  void ws.refreshJobs()
}
