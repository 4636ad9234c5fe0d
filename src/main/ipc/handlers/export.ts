import type { Handlers } from '@shared/ipc/routes'
import type { Workspace } from '../../workspace/workspace'

/** `export:save`: the open job's results through a save dialog in main. */
export function exportHandlers(ws: Workspace): Handlers['export'] {
  return {
    save: async ({ format, thumbnails }) => {
      const view = ws.openJob()
      const name = view.job.settings.name.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'results'
      const path = await ws.deps.desktop.chooseSavePath(`${name}.${format}`, format)
      if (!path) return null
      const rows = await ws.service.export(view.job, path, thumbnails)
      return { path, rows }
    }
  }
}
