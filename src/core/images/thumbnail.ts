import sharp from 'sharp'
import type { CachedImage } from './cache'

export const THUMBNAIL_SIZE = 160

/**
 * A spreadsheet's thumbnail (JPEG: exceljs embeds no WebP) of about 160 px, made when an export
 * asks for it from the prepared image in the cache. Preparation made one for every photo before,
 * a third of its image work, for the few jobs exported with pictures. An entry cached then still
 * carries its small WebP, which is used instead.
 */
export async function spreadsheetThumbnail(image: CachedImage): Promise<Buffer> {
  return sharp(image.thumbnail ?? image.prepared.data)
    .resize(THUMBNAIL_SIZE, THUMBNAIL_SIZE, { fit: 'inside', withoutEnlargement: true })
    .jpeg({ quality: 80 })
    .toBuffer()
}
