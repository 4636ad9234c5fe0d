import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'

/** A folder of `count` small, distinct JPEGs, made once and kept in the temp folder for reruns. */
export async function benchPhotos(count: number, print: (line: string) => void): Promise<string> {
  const dir = join(tmpdir(), `photoscribe-bench-ui-${count}`)
  if (existsSync(dir) && readdirSync(dir).length === count) return dir
  mkdirSync(dir, { recursive: true })
  print(`Making ${count.toLocaleString('en')} photos in ${dir} (once)…`)
  const base = await sharp({
    create: { width: 64, height: 48, channels: 3, background: { r: 90, g: 140, b: 200 } }
  })
    .raw()
    .toBuffer()
  for (let i = 0; i < count; i++) {
    // A few pixels differ per photo, so every file has its own hash (no duplicates to fold).
    const pixels = Buffer.from(base)
    pixels.writeUInt32LE(i, 0)
    pixels.writeUInt32LE(Math.imul(i, 2654435761) >>> 0, 12)
    const jpeg = await sharp(pixels, { raw: { width: 64, height: 48, channels: 3 } })
      .jpeg({ quality: 70 })
      .toBuffer()
    writeFileSync(join(dir, `sku-${String(i).padStart(5, '0')}.jpg`), jpeg)
  }
  return dir
}
