import { Journal } from '../jobs/journal'
import { lockJob } from '../jobs/job-lock'
import type { JournalEvent } from '../jobs/journal-events'
import { applyEvent, type JobItem } from '../jobs/job-state'
import { csvCellText } from './sanitize'
import type { StoredJob } from '../jobs/job-store'
import type { FieldSpec } from '../templates/template'
import { editedEvent } from '../jobs/edited-event'
import { readTable, type Table } from '../files/read-table'
import { relativePath } from './shop/image-url'
import { shopChanges, shopFormatOf } from './shop/import-shop'
import type { ShopFormat } from '@shared/domain/export-choice'
import { fieldLanguages } from '../templates/languages'
import { basename } from 'node:path'

/** What importing an edited spreadsheet changed. */
export interface EditsImported {
  updated: number
  unchanged: number
  /** Rows whose file is not in the job (or not answered), by "folder/file". */
  unmatched: string[]
}

/** A row's cell under `header`, unguarded; undefined when the sheet has no such column. */
function cellOf(
  table: Table,
  row: string[],
  header: string,
  unguard: (text: string) => string
): string | undefined {
  const index = column(table, header)
  return index < 0 ? undefined : unguard(row[index] ?? '')
}

/** The `edited` event for an item whose fields in the sheet differ from its result, else null. */
function editOf(item: JobItem, cells: [FieldSpec, string | undefined][]): JournalEvent | null {
  const edited = Object.fromEntries(
    cells.flatMap(([field, text]) =>
      text === undefined ? [] : [[field.name, fieldValue(field, text)]]
    )
  )
  const changed = Object.entries(edited).some(
    ([name, value]) => JSON.stringify(value) !== JSON.stringify(item.result?.fields?.[name])
  )
  if (!changed) return null
  const specs = cells.map(([field]) => field)
  return editedEvent(specs, item.id, { ...item.result?.fields, ...edited })
}

function column(table: Table, header: string): number {
  return table.headers.findIndex((h) => h.toLowerCase() === header.toLowerCase())
}

/**
 * Reads an exported XLSX/CSV that a person edited and writes the changed fields back into the job
 * (journaled as `edited`), matching rows by folder and file name.
 */
export async function importEdits(
  job: StoredJob,
  path: string,
  fields: readonly FieldSpec[]
): Promise<EditsImported> {
  const table = await readTable(path)
  const shop = shopFormatOf(table.headers)
  if (shop) return importShopEdits(job, path, table, shop, fields)
  const [fileCol, folderCol] = [column(table, 'File'), column(table, 'Folder')]
  if (fileCol < 0)
    throw new Error('The sheet has no "File" column; import a sheet Photoscribe exported.')
  // A CSV names each photo by folder and file; the XLSX by its path below its folder.
  const byPath = new Map<string, string>()
  for (const item of job.state.items.values())
    for (const p of item.paths)
      byPath.set(
        folderCol >= 0 ? p.replace(/\\/g, '/') : relativePath(p, job.settings.inputs),
        item.id
      )
  // CSV cells carry the formula guard; XLSX cells are plain strings.
  const unguard = path.toLowerCase().endsWith('.csv') ? csvCellText : (text: string) => text
  const events: JournalEvent[] = []
  const result: EditsImported = { updated: 0, unchanged: 0, unmatched: [] }
  for (const row of table.rows) {
    const where = folderCol >= 0 ? `${row[folderCol]}/${row[fileCol]}` : (row[fileCol] ?? '')
    const item = job.state.items.get(byPath.get(where) ?? '')
    if (!item?.result) {
      result.unmatched.push(where)
      continue
    }
    const edit = editOf(
      item,
      fields.map((f) => [f, cellOf(table, row, f.label, unguard)])
    )
    if (edit) events.push(edit)
    result[edit ? 'updated' : 'unchanged']++
  }
  await appendAll(job, events)
  return result
}

/**
 * Edits from a shop file Photoscribe wrote (Shopify, WooCommerce, Merchant Center): matched by
 * SKU or handle and each photo's URL; a language's own file (`shop.es.csv`) edits that language.
 */
async function importShopEdits(
  job: StoredJob,
  path: string,
  table: Table,
  format: ShopFormat,
  fields: readonly FieldSpec[]
): Promise<EditsImported> {
  const items = [...job.state.items.values()]
  const names = { fields: fields.map((f) => f.name), suffix: languageSuffix(path, job) }
  const found = shopChanges(table, format, items, job.settings, names)
  const events = [...found.changes].map(([id, changed]) =>
    editedEvent(fields, id, { ...job.state.items.get(id)?.result?.fields, ...changed })
  )
  await appendAll(job, events)
  const updated = new Set(found.changes.keys()).size
  return {
    updated,
    unchanged: Math.max(0, found.matched - updated),
    unmatched: found.unmatched
  }
}

/** `shop.es.csv` edits the job's Spanish fields (`title_es`); the first language has none. */
function languageSuffix(path: string, job: StoredJob): string {
  const languages = fieldLanguages(job.settings)
  const code = /\.([a-z0-9]+)\.(csv|tsv)$/i.exec(basename(path))?.[1]?.toLowerCase()
  return (languages.find((each) => each.code === code) ?? languages[0]).suffix
}

function fieldValue(field: FieldSpec, text: string): unknown {
  return field.type === 'string[]'
    ? text
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : text
}

async function appendAll(job: StoredJob, events: JournalEvent[]): Promise<void> {
  if (events.length === 0) return
  const lock = await lockJob(job.dir)
  try {
    const journal = await Journal.open(job.journalPath)
    await journal.append(...events).finally(() => journal.close())
  } finally {
    await lock.release()
  }
  for (const event of events) applyEvent(job.state, event)
}
