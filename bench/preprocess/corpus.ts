import { mkdir, open } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'

const DISTINCT = 20

export interface CorpusOptions {
  width: number
  height: number
  /**
   * false: twenty distinct photos, each written count/20 times with different trailing bytes (every
   * file its own hash, quick to make). true: every file its own pixels too, so no cache keyed on
   * the uploaded image can answer one photo with another's result.
   */
  distinctPixels: boolean
}

const TWELVE_MEGAPIXELS: CorpusOptions = { width: 4000, height: 3000, distinctPixels: false }

/** `count` camera-like JPEGs (gradient, texture, noise) in `dir`, fsynced. */
export async function makeCorpus(
  dir: string,
  count: number,
  options: CorpusOptions = TWELVE_MEGAPIXELS
): Promise<{ paths: string[]; bytes: number }> {
  await mkdir(dir, { recursive: true })
  const paths: string[] = []
  let bytes = 0
  for (let d = 0; d < Math.min(DISTINCT, count); d++) {
    const pixels = await cameraLikePixels(d, options)
    const shared = options.distinctPixels ? null : await encode(pixels, options)
    for (let copy = d; copy < count; copy += DISTINCT) {
      const path = join(dir, `photo-${String(copy).padStart(5, '0')}.jpg`)
      const file = shared
        ? Buffer.concat([shared, Buffer.from(`copy ${copy}`)])
        : await encode(stamped(pixels, copy, options.width), options)
      await writeDurably(path, file)
      paths.push(path)
      bytes += file.length
    }
  }
  return { paths: paths.sort(), bytes }
}

/** Photo `d` of the twenty: coloured blocks scaled up smoothly, with film-like noise. */
async function cameraLikePixels(d: number, { width, height }: CorpusOptions): Promise<Buffer> {
  const base = await sharp({
    create: {
      width: 400,
      height: 300,
      channels: 3,
      background: { r: 40 + d * 9, g: 120, b: 200 - d * 7 }
    }
  })
    .composite([
      {
        input: {
          create: {
            width: 200,
            height: 150,
            channels: 3,
            background: { r: 230, g: 60 + d * 8, b: 40 }
          }
        },
        left: 100 + d * 3,
        top: 75
      }
    ])
    .png()
    .toBuffer()
  const noise = { type: 'gaussian' as const, mean: 128, sigma: 18 }
  return sharp(base)
    .resize(width, height, { kernel: 'cubic' })
    .composite([
      {
        input: { create: { width, height, channels: 3, background: '#808080', noise } },
        blend: 'overlay'
      }
    ])
    .removeAlpha()
    .raw()
    .toBuffer()
}

function encode(pixels: Buffer, { width, height }: CorpusOptions): Promise<Buffer> {
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer()
}

/** A copy of the pixels with `index` written as a row of black and white 8×8 squares. */
function stamped(pixels: Buffer, index: number, width: number): Buffer {
  const copy = Buffer.from(pixels)
  for (let bit = 0; bit < 20; bit++) {
    const value = (index >> bit) & 1 ? 255 : 0
    for (let y = 0; y < 8; y++)
      copy.fill(value, (y * width + bit * 8) * 3, (y * width + bit * 8 + 8) * 3)
  }
  return copy
}

/**
 * Writes and fsyncs: otherwise the kernel flushes a large corpus about 30 s later, in the middle
 * of whichever run is being timed then (seen once as 0.76 instead of 0.88).
 */
async function writeDurably(path: string, bytes: Buffer): Promise<void> {
  const file = await open(path, 'w')
  try {
    await file.writeFile(bytes)
    await file.sync()
  } finally {
    await file.close()
  }
}
