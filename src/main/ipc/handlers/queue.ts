import type { Handlers } from '@shared/ipc/routes'
import { attachSheet, editRow, removeRows, rowPath } from '../../workspace/actions'
import type { Workspace } from '../../workspace/workspace'

/** `queue:*`: photos in (drop or dialog), options, product sheet, row actions. */
export function queueHandlers(ws: Workspace): Handlers['queue'] {
  return {
    add: async ({ paths }) => ({ added: await ws.ensureDraft().add(paths) }),
    choose: async () => {
      const paths = await ws.deps.desktop.choosePhotos()
      return { added: paths.length > 0 ? await ws.ensureDraft().add(paths) : 0 }
    },
    remove: async ({ ids }) => ({ removed: await removeRows(ws, ids) }),
    setOptions: (change) => ws.setOptions(ws.ensureDraft(), change),
    chooseSheet: async () => {
      const path = await ws.deps.desktop.chooseSheet()
      return path ? attachSheet(ws, path) : null
    },
    clearSheet: () => {
      const draft = ws.ensureDraft()
      draft.sheet = null
      return ws.estimate(draft)
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
      const row = ws.openView()?.rows.find((r) => r.id === id)
      const text = row?.fields?.map((f) => f.value).join('\n')
      if (text) ws.deps.desktop.copyText(text)
      return { ok: Boolean(text) }
    }
  }
}
