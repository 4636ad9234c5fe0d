import type { Workspace } from './workspace'

/** The file behind a row of a queue the window has open (draft, job, or sample); else nothing. */
export function openRowPath(ws: Workspace, viewId: string, rowId: string): string | undefined {
  if (ws.draft?.id === viewId) return ws.draft.pathOf(rowId)
  if (viewId !== ws.openId && viewId !== ws.sampleId) return undefined
  return ws.views.get(viewId)?.pathOf(rowId)
}
