import sharp from 'sharp'

export const THUMBNAIL_SIZE = 160

/** A small WebP for the queue and the spreadsheet, made from the already prepared image. */
export async function makeThumbnail(prepared: Buffer, size = THUMBNAIL_SIZE): Promise<Buffer> {
  return sharp(prepared)
    .resize(size, size, { fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 70 })
    .toBuffer()
}
