import { basename } from 'node:path'
import { relativePath, type EndpointRef } from '../../../core'
import type { Draft } from '../draft'
import type { RunCoordinator } from '../run-coordinator'

/** A photo of the open queue as the studio sees it: its row, its file, its path below its input. */
export interface QueuePhoto {
  rowId: string
  name: string
  path: string
  relative: string
  /** A product's other photos, sent with the lead as references for its one image. */
  also?: readonly string[]
}

/** The open queue, for the studio: how many photos, where it sends, its job folder if a job. */
export interface OpenQueue {
  viewId: string
  count: number
  endpoint: EndpointRef
  jobDir?: string
  /** Every photo (built when asked: a run, an export), a product's row by its lead photo. */
  photos(): QueuePhoto[]
}

/** What is open in the window, and where a draft would send. */
export interface QueueSource {
  runs: RunCoordinator
  openDraft(): Draft | null
  /** Where a draft would send: the endpoint Settings name now (a job keeps its own). */
  deps: { connection: { endpoint(): EndpointRef } }
}

/** The queue open in the window (a draft or a job), or null when nothing is open. */
export function openQueue(ws: QueueSource): OpenQueue | null {
  const draft = ws.openDraft()
  if (draft) {
    const files = () => [...draft.files.values()].filter((file) => !file.rejected)
    let count = 0
    // Counted without a copy: this is asked each time the window hears of the queue.
    for (const file of draft.files.values()) if (!file.rejected) count++
    return {
      viewId: draft.id,
      count,
      endpoint: ws.deps.connection.endpoint(),
      photos: () =>
        photosOf(
          files().map((file) => [file.id, [file.path]]),
          draft.inputs
        )
    }
  }
  const view = ws.runs.view(ws.runs.openId)
  if (!view) return null
  const { settings, state, dir } = view.job
  return {
    viewId: view.id,
    count: state.items.size,
    endpoint: settings.endpoint,
    jobDir: dir,
    photos: () =>
      photosOf(
        [...state.items.values()].map((item) => [item.id, item.paths]),
        settings.inputs
      )
  }
}

/** Rows' photos: a product's row brings its lead photo, with the others sent beside it. */
function photosOf(rows: [string, readonly string[]][], inputs: readonly string[]): QueuePhoto[] {
  return rows.map(([rowId, [path, ...others]]) => ({
    rowId,
    name: basename(path),
    path,
    relative: relativePath(path, inputs),
    ...(others.length > 0 ? { also: others } : {})
  }))
}
