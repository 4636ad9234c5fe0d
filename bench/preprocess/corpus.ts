import { mkdir, open } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'

const DISTINCT = 20

/**
 * `count` 4000×3000 camera-like JPEGs (gradient, texture, noise) in `dir`. Twenty distinct images
 * are made and each is written count/20 times with different trailing bytes, so every file has its
 * own hash while encoding stays quick.
 */
export async function makeCorpus(
  dir: string,
  count: number
): Promise<{ paths: string[]; bytes: number }> {
  await mkdir(dir, { recursive: true })
  const paths: string[] = []
  let bytes = 0
  for (let d = 0; d < DISTINCT; d++) {
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
    const photo = await sharp(base)
      .resize(4000, 3000, { kernel: 'cubic' })
      .composite([
        {
          input: {
            create: {
              width: 4000,
              height: 3000,
              channels: 3,
              background: '#808080',
              noise: { type: 'gaussian', mean: 128, sigma: 18 }
            }
          },
          blend: 'overlay'
        }
      ])
      .jpeg({ quality: 90 })
      .toBuffer()
    for (let copy = d; copy < count; copy += DISTINCT) {
      const path = join(dir, `photo-${String(copy).padStart(4, '0')}.jpg`)
      await writeDurably(path, Buffer.concat([photo, Buffer.from(`copy ${copy}`)]))
      paths.push(path)
      bytes += photo.length + 8
    }
  }
  return { paths: paths.sort(), bytes }
}

/**
 * Writes and fsyncs: otherwise the kernel flushes the ~860 MB corpus about 30 s later, in the middle
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
