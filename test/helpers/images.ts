import sharp from 'sharp'

/** A solid-colour JPEG of the given size, generated at test time. */
export async function makeJpeg(width: number, height: number, hue = 120): Promise<Buffer> {
  return sharp({
    create: { width, height, channels: 3, background: { r: hue, g: 200 - (hue % 200), b: 90 } }
  })
    .jpeg({ quality: 80 })
    .toBuffer()
}

/** A `data:` URL for image bytes. */
export function dataUrl(bytes: Buffer, mime = 'image/jpeg'): string {
  return `data:${mime};base64,${bytes.toString('base64')}`
}
