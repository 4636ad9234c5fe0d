import type { Handlers } from '@shared/ipc/routes'
import { SHOP_FORMATS, shopExtension, type ShopFormat } from '@shared/domain/export-choice'
import type { Workspace } from '../../workspace/workspace'

const isShop = (format: string): format is ShopFormat =>
  (SHOP_FORMATS as readonly string[]).includes(format)

/**
 * `export:save`: the open job's results through a save dialog in main, as a table or a shop's
 * import file. A shop file's choices (image URL base, grouping) are kept in Settings for next time.
 */
export function exportHandlers(ws: Workspace): Handlers['export'] {
  return {
    save: async ({ format, thumbnails, approvedOnly, shop }) => {
      if (format === 'photos') return savePhotos(ws, approvedOnly)
      const view = ws.openJob()
      const name = view.job.settings.name.replace(/[\\/:*?"<>|]+/g, ' ').trim() || 'results'
      const extension = isShop(format) ? shopExtension(format) : format
      const suffix = isShop(format) ? `-${format}` : ''
      const path = await ws.deps.desktop.chooseSavePath(`${name}${suffix}.${extension}`, extension)
      if (!path) return null
      const target = withExtension(path, extension)
      const settings = ws.deps.connection.settings
      const chosen = shop ?? settings.value.shop
      if (isShop(format) && shop) await settings.update({ section: 'shop', value: shop })
      const studioImages = isShop(format) ? await ws.studio.approvedImages(view.id) : undefined
      const report = await ws.service.export(view.job, target, {
        thumbnails,
        approvedOnly,
        ...(isShop(format) ? { shop: { format, ...chosen } } : {}),
        ...(studioImages?.byPhoto.size ? { studioImages } : {})
      })
      const notes = report.shop && {
        files: report.shop.files,
        photos: report.shop.photos,
        withoutUrl: report.shop.withoutUrl.length,
        collisions: report.shop.collisions.length,
        tooLong: report.shop.tooLong.slice(0, 20)
      }
      return { path: target, rows: report.rows, ...(notes ? { shop: notes } : {}) }
    }
  }
}

/** Copies of the open job's photos with their alt text inside, into a folder the person picks. */
async function savePhotos(ws: Workspace, approvedOnly: boolean) {
  const view = ws.openJob()
  const dir = await ws.deps.desktop.chooseFolder()
  if (!dir) return null
  const { groupBy } = ws.deps.connection.settings.value.shop
  const report = await ws.service.export(view.job, dir, { approvedOnly, photos: { groupBy } })
  return { path: dir, rows: report.rows, skipped: report.photos?.skipped.length ?? 0 }
}

/**
 * The format chosen in the window decides, not what the dialog returned: a dialog that drops the
 * extension (GTK) or keeps another gets the chosen one added, so the file is what its name says.
 */
export function withExtension(path: string, format: string): string {
  return path.toLowerCase().endsWith(`.${format}`) ? path : `${path}.${format}`
}
