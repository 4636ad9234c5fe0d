import type { Handlers } from '@shared/ipc/routes'
import { attachSheet, editRow, removeRows, rereadSheet } from '../../workspace/actions'
import { openJobRow, rowPath } from '../../workspace/row-lookup'
import type { Workspace } from '../../workspace/workspace'
import type { Draft } from '../../workspace/draft'
import type { EstimateView } from '@shared/domain/queue'

/** The draft's options and estimate as the window should now show them; returns the estimate. */
function shown(ws: Workspace, draft: Draft, estimate: EstimateView | null): EstimateView | null {
  ws.pump.patch(draft.id, { options: draft.options, ...(estimate ? { estimate } : {}) })
  return estimate
}

/** `queue:*`: photos in (drop or dialog), options, product sheet, row actions. */
export function queueHandlers(ws: Workspace): Handlers['queue'] {
  return {
    add: async ({ paths }) => ({ added: await ws.ensureDraft().add(paths) }),
    choose: async () => {
      const paths = await ws.deps.desktop.choosePhotos()
      return { added: paths.length > 0 ? await ws.ensureDraft().add(paths) : 0 }
    },
    remove: async ({ ids }) => ({ removed: await removeRows(ws, ids) }),
    setOptions: (change) => {
      const draft = ws.ensureDraft()
      return shown(ws, draft, ws.setOptions(draft, change))
    },
    chooseSheet: async () => {
      const path = await ws.deps.desktop.chooseFile('sheet')
      return path ? shown(ws, ws.ensureDraft(), await attachSheet(ws, path)) : null
    },
    setSheetEncoding: async ({ encoding }) =>
      shown(ws, ws.ensureDraft(), await rereadSheet(ws, encoding)),
    clearSheet: () => {
      const draft = ws.ensureDraft()
      draft.sheet = null
      return shown(ws, draft, ws.estimate(draft))
    },
    edit: async ({ id, fields }) => {
      await editRow(ws, id, fields)
      return { ok: true as const }
    },
    showInFolder: ({ id }) => {
      const path = rowPath(ws, id)
      if (path) ws.deps.desktop.showInFolder(path)
      return { ok: Boolean(path) }
    },
    copy: ({ id }) => {
      const row = openJobRow(ws, id)
      const text = row?.fields?.map((f) => f.value).join('\n')
      if (text) ws.deps.desktop.copyText(text)
      return { ok: Boolean(text) }
    }
  }
}
