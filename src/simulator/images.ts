import { createHash } from 'node:crypto'
import sharp from 'sharp'
import type { Detail } from '@shared/models/image-tokens'
import { headSize } from '../core/images/head-size'
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
  const head = headOf(bytes)
  const meta = head ?? (await metadataOf(bytes))
  if (!meta) {
    throw invalidRequest(
      'invalid_image',
      'You uploaded an unsupported image. Please make sure your image is valid.',
      'messages'
    )
  }
  if (!ACCEPTED.includes(meta.format)) {
    throw invalidRequest('invalid_image_format', UNSUPPORTED_MESSAGE, 'messages')
  }
  return {
    dominant: await productColour(bytes, meta),
    sha256: createHash('sha256').update(bytes).digest('hex'),
    width: meta.width,
    height: meta.height,
    format: meta.format,
    detail,
    bytes: bytes.length
  }
}

interface ImageSize {
  format: string
  /** Upright, as the API sees the image. */
  width: number
  height: number
}

/**
 * The size from the file's header, as the engine reads it (microseconds); null when the header
 * does not say, and libvips is asked. libvips costs some 0.4 ms however small the image.
 */
function headOf(bytes: Buffer): ImageSize | null {
  const head = headSize(bytes)
  return head && { format: head.format, ...head.size }
}

async function metadataOf(bytes: Buffer): Promise<ImageSize | null> {
  const meta = await sharp(bytes)
    .metadata()
    .catch(() => null)
  if (!meta || !meta.width || !meta.height) return null
  return {
    format: meta.format ?? 'unknown',
    width: meta.autoOrient?.width ?? meta.width,
    height: meta.autoOrient?.height ?? meta.height
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

/** Images this small are decoded whole and averaged here: resizing costs libvips 2 ms however small. */
const SMALL_PIXELS = 256 * 256
const GRID = 16

/**
 * The product's colour: the most saturated cell of a 16×16 grid of average colours (backdrops
 * are grey or white).
 */
async function productColour(
  bytes: Buffer,
  size: ImageSize
): Promise<{ r: number; g: number; b: number }> {
  const small = size.width * size.height <= SMALL_PIXELS
  const image = sharp(bytes)
  const pixels = await (small ? image : image.resize(GRID, GRID, { fit: 'fill' }))
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true })
    .catch(() => null)
  if (!pixels) return { r: 128, g: 128, b: 128 }
  const { data, info } = pixels
  return mostSaturated(small ? gridAverages(data, info.width, info.height) : data)
}

/** The average colour of each of a 16×16 grid of cells over RGB pixels. */
function gridAverages(data: Buffer, width: number, height: number): Uint8Array {
  const sums = new Float64Array(GRID * GRID * 4)
  for (let y = 0; y < height; y++) {
    const row = Math.floor((y * GRID) / height) * GRID
    for (let x = 0; x < width; x++) {
      const cell = (row + Math.floor((x * GRID) / width)) * 4
      const at = (y * width + x) * 3
      sums[cell] += data[at]
      sums[cell + 1] += data[at + 1]
      sums[cell + 2] += data[at + 2]
      sums[cell + 3]++
    }
  }
  const cells = new Uint8Array(GRID * GRID * 3)
  for (let i = 0; i < GRID * GRID; i++) {
    const count = Math.max(1, sums[i * 4 + 3])
    for (let c = 0; c < 3; c++) cells[i * 3 + c] = Math.round(sums[i * 4 + c] / count)
  }
  return cells
}

function mostSaturated(pixels: Uint8Array): { r: number; g: number; b: number } {
  let best = { r: 128, g: 128, b: 128 }
  let bestSaturation = 40
  for (let i = 0; i + 2 < pixels.length; i += 3) {
    const [r, g, b] = [pixels[i], pixels[i + 1], pixels[i + 2]]
    const saturation = Math.max(r, g, b) - Math.min(r, g, b)
    if (saturation > bestSaturation) [best, bestSaturation] = [{ r, g, b }, saturation]
  }
  return best
}
