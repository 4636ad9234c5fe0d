import { createHash } from 'node:crypto'
import sharp from 'sharp'
import type { Detail } from '@shared/models/image-tokens'
import { invalidRequest } from './errors'

/** An image as the simulator received it: its hash (for the request log) and pixel size. */
export interface ReceivedImage {
  sha256: string
  width: number
  height: number
  format: string
  detail: Detail
  bytes: number
  /** The image's dominant colour, for answers that describe it. */
  dominant: { r: number; g: number; b: number }
}

const ACCEPTED = ['png', 'jpeg', 'gif', 'webp']
const UNSUPPORTED_MESSAGE =
  "You uploaded an unsupported image. Please make sure your image has of one the following formats: ['png', 'jpeg', 'gif', 'webp']."
const DATA_URL = /^data:([^;,]+);base64,(.*)$/s

/** Decodes a data-URL image part and reads its size, failing like the real API does. */
export async function receiveImage(url: string, detail: Detail): Promise<ReceivedImage> {
  const bytes = dataUrlBytes(url)
  const meta = await sharp(bytes)
    .metadata()
    .catch(() => null)
  if (!meta || !meta.width || !meta.height) {
    throw invalidRequest(
      'invalid_image',
      'You uploaded an unsupported image. Please make sure your image is valid.',
      'messages'
    )
  }
  if (!ACCEPTED.includes(meta.format ?? '')) {
    throw invalidRequest('invalid_image_format', UNSUPPORTED_MESSAGE, 'messages')
  }
  return {
    dominant: await productColour(bytes),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    width: meta.autoOrient?.width ?? meta.width,
    height: meta.autoOrient?.height ?? meta.height,
    format: meta.format ?? 'unknown',
    detail,
    bytes: bytes.length
  }
}

/** The bytes of a base64 data URL of an accepted image type, or the real API's refusal. */
function dataUrlBytes(url: string): Buffer {
  const match = DATA_URL.exec(url)
  if (!match)
    throw invalidRequest(
      'invalid_image_url',
      'The simulator accepts images only as base64 data URLs.',
      'messages'
    )
  const mime = match[1].toLowerCase()
  const accepted = ACCEPTED.some(
    (format) => mime === `image/${format}` || (format === 'jpeg' && mime === 'image/jpg')
  )
  if (!accepted) throw invalidRequest('invalid_image_format', UNSUPPORTED_MESSAGE, 'messages')
  return Buffer.from(match[2], 'base64')
}

/** The product's colour: the most saturated pixel of a 16×16 thumbnail (backdrops are grey or white). */
async function productColour(bytes: Buffer): Promise<{ r: number; g: number; b: number }> {
  const pixels = await sharp(bytes)
    .resize(16, 16, { fit: 'fill' })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer()
    .catch(() => null)
  if (!pixels) return { r: 128, g: 128, b: 128 }
  let best = { r: 128, g: 128, b: 128 }
  let bestSaturation = 40
  for (let i = 0; i + 2 < pixels.length; i += 3) {
    const [r, g, b] = [pixels[i], pixels[i + 1], pixels[i + 2]]
    const saturation = Math.max(r, g, b) - Math.min(r, g, b)
    if (saturation > bestSaturation) [best, bestSaturation] = [{ r, g, b }, saturation]
  }
  return best
}
