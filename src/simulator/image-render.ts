import sharp from 'sharp'

/** What an image request asks for, as the simulator reads it. */
export interface ImageAsk {
  model: string
  prompt: string
  width: number
  height: number
  quality: 'low' | 'medium' | 'high' | 'auto'
  background: 'transparent' | 'opaque' | 'auto'
  format: 'png' | 'jpeg' | 'webp'
  n: number
  /** The input photos (edits); none for a generation. */
  inputs: Buffer[]
  /** The edit's mask, when one came. */
  mask?: Buffer
}

const SIZES = /^(\d{2,5})x(\d{2,5})$/

/** `1536x1024` as numbers; `auto` is the square. */
export function parseSize(size: string | undefined): { width: number; height: number } | null {
  if (!size || size === 'auto') return { width: 1024, height: 1024 }
  const match = SIZES.exec(size)
  if (!match) return null
  const [width, height] = [Number(match[1]), Number(match[2])]
  const ratio = Math.max(width, height) / Math.min(width, height)
  if (width % 16 || height % 16 || ratio > 3 || width * height > 3840 * 2160) return null
  return { width, height }
}

/**
 * The edited image, deterministic for its inputs and ask: the first input photo fitted on a white
 * (or, asked so, transparent) canvas of the requested size and format; a generation is a plain
 * canvas with a soft square where a product would stand.
 */
export async function renderImage(ask: ImageAsk): Promise<Buffer> {
  const transparent = ask.background === 'transparent'
  const background = transparent
    ? { r: 0, g: 0, b: 0, alpha: 0 }
    : { r: 255, g: 255, b: 255, alpha: 1 }
  const subject = ask.inputs[0]
    ? await sharp(ask.inputs[0])
        .rotate()
        .resize(Math.round(ask.width * 0.85), Math.round(ask.height * 0.85), { fit: 'inside' })
        .png()
        .toBuffer()
    : await sharp({
        create: {
          width: ask.width >> 1,
          height: ask.height >> 1,
          channels: 3,
          background: '#8899aa'
        }
      })
        .png()
        .toBuffer()
  const canvas = sharp({
    create: { width: ask.width, height: ask.height, channels: 4, background }
  }).composite([{ input: subject, gravity: 'centre' }])
  if (ask.format === 'jpeg')
    return canvas.flatten({ background: '#ffffff' }).jpeg({ quality: 85 }).toBuffer()
  if (ask.format === 'webp') return canvas.webp({ quality: 85 }).toBuffer()
  return canvas.png().toBuffer()
}
