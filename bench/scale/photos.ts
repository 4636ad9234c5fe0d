import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { readdir, readFile, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import sharp from 'sharp'

const PER_FOLDER = 1000

/**
 * A folder of `count` distinct JPEGs of about 8 KB (the size the issue measured: 785 MB for
 * 100,000) in folders of 1,000, made once and kept in the temp folder for reruns. One JPEG is
 * encoded; each copy gets its own comment segment, so every file has its own hash and stays a
 * valid JPEG whose header the engine reads.
 */
export async function scalePhotos(count: number, print: (line: string) => void): Promise<string> {
  const dir = join(tmpdir(), `photoscribe-bench-scale-${count}`)
  const done = join(dir, '.complete')
  if (existsSync(done)) return dir
  print(`Making ${count.toLocaleString('en')} photos in ${dir} (once)…`)
  const base = await noiseJpeg()
  for (let start = 0; start < count; start += PER_FOLDER) {
    const folder = join(dir, `shoot-${String(start / PER_FOLDER).padStart(3, '0')}`)
    mkdirSync(folder, { recursive: true })
    const writes: Promise<void>[] = []
    for (let i = start; i < Math.min(count, start + PER_FOLDER); i++) {
      const name = `SKU-${String(Math.floor(i / 4)).padStart(6, '0')}_${i % 4}.jpg`
      writes.push(writeFile(join(folder, name), withComment(base, `photo ${i}`)))
    }
    await Promise.all(writes)
  }
  writeFileSync(done, String(count))
  return dir
}

/** A 160×120 JPEG of noise at quality 90: about 8 KB that does not compress away. */
async function noiseJpeg(): Promise<Buffer> {
  const pixels = Buffer.alloc(160 * 120 * 3)
  let seed = 12345
  for (let i = 0; i < pixels.length; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0
    pixels[i] = (seed >>> 16) & 0x3f
  }
  return sharp(pixels, { raw: { width: 160, height: 120, channels: 3 } })
    .jpeg({ quality: 90 })
    .toBuffer()
}

/** The JPEG with a COM segment right after its start-of-image marker. */
function withComment(jpeg: Buffer, text: string): Buffer {
  const body = Buffer.from(text, 'latin1')
  const segment = Buffer.alloc(4 + body.length)
  segment.writeUInt16BE(0xfffe, 0)
  segment.writeUInt16BE(body.length + 2, 2)
  body.copy(segment, 4)
  return Buffer.concat([jpeg.subarray(0, 2), segment, jpeg.subarray(2)])
}

/**
 * Reads every photo once, so the measures that follow read from the page cache as the issue's
 * figures do. This machine pages out memory it has not touched lately (a DAMON pageout scheme),
 * page cache included: without this, a dry run measured 12 s one time and 25 s the next.
 */
export async function warmPageCache(dir: string): Promise<number> {
  const started = Date.now()
  const paths: string[] = []
  for (const folder of await readdir(dir))
    if (folder.startsWith('shoot-'))
      for (const name of await readdir(join(dir, folder))) paths.push(join(dir, folder, name))
  let next = 0
  const reader = async (): Promise<void> => {
    while (next < paths.length) await readFile(paths[next++])
  }
  await Promise.all(Array.from({ length: 32 }, reader))
  return Date.now() - started
}
