import type { QueueRow } from '../domain/queue'
import type { OpenView, ViewPatch, WorkspaceUpdate } from '../domain/workspace'

/** A row's fields beyond the columns every row has. */
type RowRest = Omit<QueueRow, 'id' | 'name' | 'folder'>

/**
 * Rows as they cross to the window: every row's id, name and folder in columns (each folder named
 * once), and the rest of a row only where it says more than "waiting". Opening a 100,000-photo
 * job or dropping its folder sends a third of the bytes and a handful of objects, not 100,000.
 */
export interface PackedRows {
  ids: string[]
  names: string[]
  folders: string[]
  folderOf: number[]
  /** [index, the row's other fields], for the rows that are not plain waiting photos. */
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
  const packed: PackedRows = { ids: [], names: [], folders: [], folderOf: [], more: [] }
  const folderIndex = new Map<string, number>()
  rows.forEach((row, index) => {
    let folder = folderIndex.get(row.folder)
    if (folder === undefined) {
      folder = packed.folders.push(row.folder) - 1
      folderIndex.set(row.folder, folder)
    }
    packed.ids.push(row.id)
    packed.names.push(row.name)
    packed.folderOf.push(folder)
    if (!plainWaiting(row)) packed.more.push([index, restOf(row)])
  })
  return packed
}

export function unpackRows(packed: PackedRows): QueueRow[] {
  const rows: QueueRow[] = packed.ids.map((id, i) => ({
    id,
    name: packed.names[i],
    folder: packed.folders[packed.folderOf[i]],
    status: 'waiting'
  }))
  for (const [index, rest] of packed.more) rows[index] = { ...rows[index], ...rest }
  return rows
}

/** The row without the fields its columns carry. */
function restOf(row: QueueRow): RowRest {
  const rest: Partial<QueueRow> = { ...row }
  delete rest.id
  delete rest.name
  delete rest.folder
  return rest as RowRest
}

/** A row that is only a photo waiting: its id, name, folder and status, nothing else. */
function plainWaiting(row: QueueRow): boolean {
  if (row.status !== 'waiting') return false
  for (const key in row)
    if (key !== 'id' && key !== 'name' && key !== 'folder' && key !== 'status') return false
  return true
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
