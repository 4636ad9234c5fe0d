import { createHash } from 'node:crypto'
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'

const WIDTH = 64
const HEIGHT = 48
const BLOCK = 8

/**
 * A folder of `count` small JPEGs, each of its own content, made once and kept in the temp folder
 * for reruns. The photo's number is drawn in black and white 8-pixel blocks, which JPEG keeps: an
 * earlier version changed a few pixels, which compression folded into 7,071 distinct photos of
 * 10,000 (the job then had 7,071 rows). Refuses to finish with a duplicate.
 */
export async function benchPhotos(count: number, print: (line: string) => void): Promise<string> {
  const dir = join(tmpdir(), `photoscribe-bench-ui-v2-${count}`)
  if (existsSync(dir) && readdirSync(dir).length === count) return dir
  mkdirSync(dir, { recursive: true })
  print(`Making ${count.toLocaleString('en')} photos in ${dir} (once)…`)
  const seen = new Set<string>()
  for (let i = 0; i < count; i++) {
    const jpeg = await sharp(numberedPixels(i), {
      raw: { width: WIDTH, height: HEIGHT, channels: 3 }
    })
      .jpeg({ quality: 70 })
      .toBuffer()
    seen.add(createHash('sha256').update(jpeg).digest('hex'))
    writeFileSync(join(dir, `sku-${String(i).padStart(5, '0')}.jpg`), jpeg)
  }
  if (seen.size !== count) throw new Error(`Only ${seen.size} of ${count} bench photos differ.`)
  return dir
}

/** A blue photo with `n` in binary along its top rows of blocks (up to 2^24 photos). */
export function numberedPixels(n: number): Buffer {
  const pixels = Buffer.alloc(WIDTH * HEIGHT * 3)
  const perRow = WIDTH / BLOCK
  for (let y = 0; y < HEIGHT; y++)
    for (let x = 0; x < WIDTH; x++) {
      const bit = Math.floor(y / BLOCK) * perRow + Math.floor(x / BLOCK)
      const mark = bit < 24 ? ((n >> bit) & 1 ? 255 : 0) : -1
      const at = (y * WIDTH + x) * 3
      if (mark < 0) pixels.set([90, 140, 200], at)
      else pixels.fill(mark, at, at + 3)
    }
  return pixels
}
