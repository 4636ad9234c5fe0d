import type { QueueRow, RowStatus } from '../domain/queue'
import { fromIdRuns, fromRuns, toIdRuns, toRuns, type IdRun } from './runs'
import type { OpenView, ViewPatch, WorkspaceUpdate } from '../domain/workspace'

/** A row's fields beyond the columns every row has. */
type RowRest = Omit<QueueRow, 'id' | 'name' | 'folder' | 'status'>

/**
 * Rows as they cross to the window: every row's id, name, folder and status in columns, and the
 * rest of a row only where it has more. The columns that repeat in long stretches travel as runs
 * (`runs.ts`): ids that count up, a folder's photos, a status. Opening a 100,000-photo job or
 * dropping its folder sends little more than the names, and a handful of objects, not 100,000.
 */
export interface PackedRows {
  ids: IdRun[]
  names: string[]
  folders: string[]
  /** Each row's folder (an index into `folders`), as runs. */
  folderOf: number[]
  statuses: RowStatus[]
  /** Each row's status (an index into `statuses`), as runs. */
  statusOf: number[]
  /** [index, the row's other fields], for the rows that have any. */
  more: [number, RowRest][]
}

type WireView = Omit<OpenView, 'rows'> & { packed: PackedRows }
type WirePatch = Omit<ViewPatch, 'rows'> & { packed?: PackedRows }

/** An update as main sends it over IPC (`toWire`) and the preload reads it (`fromWire`). */
export type WireUpdate = Omit<WorkspaceUpdate, 'view' | 'sample' | 'patches'> & {
  view?: WireView | null
  sample?: WireView | null
  patches?: WirePatch[]
}

export function packRows(rows: readonly QueueRow[]): PackedRows {
  const folders = new Indexer<string>()
  const statuses = new Indexer<RowStatus>()
  const more: [number, RowRest][] = []
  const folderOf: number[] = []
  const statusOf: number[] = []
  rows.forEach((row, index) => {
    folderOf.push(folders.of(row.folder))
    statusOf.push(statuses.of(row.status))
    const rest = restOf(row)
    if (rest) more.push([index, rest])
  })
  return {
    ids: toIdRuns(rows.map((row) => row.id)),
    names: rows.map((row) => row.name),
    folders: folders.values,
    folderOf: toRuns(folderOf),
    statuses: statuses.values,
    statusOf: toRuns(statusOf),
    more
  }
}

export function unpackRows(packed: PackedRows): QueueRow[] {
  const folderOf = fromRuns(packed.folderOf)
  const statusOf = fromRuns(packed.statusOf)
  const rows: QueueRow[] = fromIdRuns(packed.ids).map((id, i) => ({
    id,
    name: packed.names[i],
    folder: packed.folders[folderOf[i]],
    status: packed.statuses[statusOf[i]]
  }))
  for (const [index, rest] of packed.more) rows[index] = { ...rows[index], ...rest }
  return rows
}

/** Each distinct value's index, in order of first appearance. */
class Indexer<T> {
  readonly values: T[] = []
  private readonly index = new Map<T, number>()

  of(value: T): number {
    let at = this.index.get(value)
    if (at === undefined) {
      at = this.values.push(value) - 1
      this.index.set(value, at)
    }
    return at
  }
}

/** The row without the fields its columns carry, or null when that leaves nothing. */
function restOf(row: QueueRow): RowRest | null {
  let rest: Partial<QueueRow> | null = null
  for (const key in row) {
    if (key === 'id' || key === 'name' || key === 'folder' || key === 'status') continue
    rest ??= {}
    ;(rest as Record<string, unknown>)[key] = row[key as keyof QueueRow]
  }
  return rest as RowRest | null
}

export function toWire(update: WorkspaceUpdate): WireUpdate {
  const { view, sample, patches, ...rest } = update
  const wire: WireUpdate = rest
  if (view !== undefined) wire.view = view && packView(view)
  if (sample !== undefined) wire.sample = sample && packView(sample)
  if (patches) wire.patches = patches.map(packPatch)
  return wire
}

/** The update as main made it; an update already in that form (a test's) passes unchanged. */
export function fromWire(wire: WireUpdate): WorkspaceUpdate {
  const { view, sample, patches, ...rest } = wire
  const update: WorkspaceUpdate = rest
  if (view !== undefined) update.view = view && unpackView(view)
  if (sample !== undefined) update.sample = sample && unpackView(sample)
  if (patches) update.patches = patches.map(unpackPatch)
  return update
}

function packView({ rows, ...view }: OpenView): WireView {
  return { ...view, packed: packRows(rows) }
}

function unpackView(view: WireView): OpenView {
  if (!('packed' in view)) return view as unknown as OpenView
  const { packed, ...rest } = view
  return { ...rest, rows: unpackRows(packed) }
}

function packPatch({ rows, ...patch }: ViewPatch): WirePatch {
  return rows ? { ...patch, packed: packRows(rows) } : patch
}

function unpackPatch(patch: WirePatch): ViewPatch {
  if (!patch.packed) return patch as ViewPatch
  const { packed, ...rest } = patch
  return { ...rest, rows: unpackRows(packed) }
}
