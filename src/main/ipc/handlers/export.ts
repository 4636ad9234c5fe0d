import type { Handlers } from '@shared/ipc/routes'
import type { Workspace } from '../../workspace/workspace'

/** `export:save`: the open job's results through a save dialog in main. */
export function exportHandlers(ws: Workspace): Handlers['export'] {
  return {
    save: async ({ format, thumbnails, approvedOnly }) => {
      const view = ws.openJob()
      const name = view.job.settings.name.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'results'
      const path = await ws.deps.desktop.chooseSavePath(`${name}.${format}`, format)
      if (!path) return null
      const target = withExtension(path, format)
      const rows = await ws.service.export(view.job, target, { thumbnails, approvedOnly })
      return { path: target, rows }
    }
  }
}

/**
 * The format chosen in the window decides, not what the dialog returned: a dialog that drops the
 * extension (GTK) or keeps another gets the chosen one added, so the file is what its name says.
 */
export function withExtension(path: string, format: string): string {
  return path.toLowerCase().endsWith(`.${format}`) ? path : `${path}.${format}`
}
