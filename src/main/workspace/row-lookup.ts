import type { QueueRow } from '@shared/domain/queue'
import type { Workspace } from './workspace'

/** Thumbnails of a studio's images are asked for under this prefix before the queue's id. */
const STUDIO_PREFIX = 'studio-'

/** The file behind a row of a queue the window has open (draft, job, or sample); else nothing. */
export function openRowPath(ws: Workspace, viewId: string, rowId: string): string | undefined {
  // `studio-<view>`: the studio's image of the row (the "after" of before/after).
  if (viewId.startsWith(STUDIO_PREFIX))
    return ws.studio.outputPath(viewId.slice(STUDIO_PREFIX.length), rowId)
  const draft = ws.runs.draft(viewId)
  if (draft) return draft.pathOf(rowId)
  if (!ws.runs.openQueues().includes(viewId)) return undefined
  return ws.runs.view(viewId)?.pathOf(rowId)
}

/** The file behind a row of the open queue or the sample beside it (for Show in folder). */
export function rowPath(ws: Workspace, rowId: string): string | undefined {
  for (const viewId of ws.runs.openQueues()) {
    const path = openRowPath(ws, viewId, rowId)
    if (path) return path
  }
  return undefined
}

/** A row of the open job or the sample beside it, as the window shows it (for Copy). */
export function openJobRow(ws: Workspace, rowId: string): QueueRow | undefined {
  for (const viewId of ws.runs.openQueues()) {
    const row = ws.runs.view(viewId)?.row(rowId)
    if (row) return row
  }
  return undefined
}
