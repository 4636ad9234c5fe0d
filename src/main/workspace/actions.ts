import { AppError, ErrorCodes } from '@shared/errors'
import { editedEvent, readProductSheet, type JobMode, type JournalEvent } from '../../core'
import type { SheetEncoding } from '@shared/domain/sheet-encoding'
import { basename } from 'node:path'
import type { EstimateView } from '@shared/domain/queue'
import { noRetryReason } from '@shared/domain/failure-codes'
import { openJobView, refusedAsAppError, startRun } from './runs'
import type { Workspace } from './workspace'
import { fieldText, MAX_FIELD_CHARS } from './job-rows'
import { rememberForUndo } from './review-desk'

/** Removes rows: from the draft, or journaled out of the open job. */
export async function removeRows(ws: Workspace, ids: string[]): Promise<number> {
  const draft = ws.openDraft()
  if (draft) {
    const removed = draft.remove(ids)
    ws.pump.patch(draft.id, { removed: ids })
    const estimate = ws.estimate(draft)
    if (estimate) ws.pump.patch(draft.id, { estimate })
    return removed
  }
  const view = ws.openJob()
  const known = ids.filter((id) => view.job.state.items.has(id))
  await ws.note(
    view,
    known.map((id): JournalEvent => ({ e: 'removed', id, at: Date.now() }))
  )
  ws.pump.patch(view.id, { removed: known, run: view.runView(ws.now()) })
  void ws.refreshJobs()
  return known.length
}

/**
 * Sends failed photos again (these ids, every failure with a code, or all failures), leaving out
 * failures a retry cannot fix (a damaged file, a refusal): sending those again only costs money.
 */
export async function retryRows(
  ws: Workspace,
  ids?: string[],
  code?: string,
  mode?: JobMode
): Promise<number> {
  const view = ws.runs.sampleOrOpenJob()
  const wanted = ids ? new Set(ids) : null
  const failed = [...view.job.state.items.values()].filter(
    (item) =>
      item.status === 'failed' &&
      !noRetryReason(item.code) &&
      (!wanted || wanted.has(item.id)) &&
      (!code || item.code === code)
  )
  if (failed.length === 0) return 0
  await ws.note(
    view,
    failed.map((item): JournalEvent => ({ e: 'requeued', id: item.id, at: Date.now() }))
  )
  ws.pump.patch(view.id, { rows: failed.flatMap((item) => view.row(item.id) ?? []) })
  if (view.running) view.rerun = true
  else await startRun(ws, view, mode)
  return failed.length
}

/**
 * Cancels the open Batch job's batches (starting its run first when it is not watching them): what
 * finished is collected, the rest stays to do.
 */
export async function cancelOpenBatches(ws: Workspace): Promise<void> {
  const view = ws.openJob()
  if ((view.job.settings.mode ?? 'live') !== 'batch')
    throw new AppError(ErrorCodes.invalidInput, { code: 'liveNoBatches' })
  if (!view.running) await startRun(ws, view, 'batch')
  await view.run?.cancelBatches()
}

/**
 * A person's edit of an answer, journaled. Only the fields whose text changed are changed; a list
 * is typed as comma-separated text (a comma between two digits, as in "1,5 l", stays in its item).
 */
export async function editRow(
  ws: Workspace,
  id: string,
  edits: Record<string, string>
): Promise<void> {
  const view = ws.runs.editable()
  const item = view?.job.state.items.get(id)
  if (!view || !item?.result) throw new AppError(ErrorCodes.notFound, { code: 'editNeedsAnswer' })
  const fields: Record<string, unknown> = { ...item.result.fields }
  let changed = false
  for (const field of view.template.fields) {
    if (!(field.name in edits)) continue
    const before = fieldText(fields[field.name])
    const text = edits[field.name].trim()
    if (text === before.trim() || text === before.slice(0, MAX_FIELD_CHARS).trim()) continue
    if (before.length > MAX_FIELD_CHARS)
      throw new AppError(ErrorCodes.invalidInput, {
        code: 'editTooLong',
        field: field.name,
        params: { n: before.length }
      })
    fields[field.name] = field.type === 'string[]' ? listItems(text) : text
    changed = true
  }
  if (!changed) return
  rememberForUndo(view, [id])
  await ws.note(view, [editedEvent(view.template.fields, id, fields)])
  const row = view.row(id)
  if (row) ws.pump.patch(view.id, { rows: [row] })
}

/** "red, blue,green" → three items; "1,5 l" stays one (a decimal comma). */
export function listItems(text: string): string[] {
  return text
    .split(/\n|;|(?<!\d),|,(?!\d)/)
    .map((part) => part.trim())
    .filter(Boolean)
}

/** Opens a past (or running) job in the window. */
export async function openJob(ws: Workspace, id: string): Promise<void> {
  const known = ws.runs.view(id)
  const job = known?.job ?? (await refusedAsAppError(ws.service.open(id), ErrorCodes.notFound))
  openJobView(ws, job, known?.sample ?? job.settings.purpose === 'sample')
}

/** Attaches a product sheet to the draft (a CSV in `encoding`, else the one detected). */
export async function attachSheet(
  ws: Workspace,
  path: string,
  encoding?: SheetEncoding
): Promise<EstimateView | null> {
  const draft = ws.ensureDraft()
  const sheet = await readProductSheet(path, { encoding }).catch((error: Error) => {
    throw new AppError(ErrorCodes.invalidInput, {
      code: 'sheetUnusable',
      params: { n: error.message }
    })
  })
  draft.sheet = { name: basename(path), path, context: sheet.context, encoding: sheet.encoding }
  return ws.estimate(draft)
}

/** Reads the attached CSV sheet again in the encoding a person chose. */
export async function rereadSheet(
  ws: Workspace,
  encoding: SheetEncoding
): Promise<EstimateView | null> {
  const sheet = ws.openDraft()?.sheet
  if (!sheet) throw new AppError(ErrorCodes.notFound, { code: 'sheetFirst' })
  return attachSheet(ws, sheet.path, encoding)
}
