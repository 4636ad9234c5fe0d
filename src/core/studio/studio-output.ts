import { createHash } from 'node:crypto'
import { mkdir, readFile, readdir, rename, rm, writeFile } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import type { ExifTool } from 'exiftool-vendored'
import { writeFileAtomic } from '../files/atomic-file'
import type { Recipe } from './recipes'

/** IPTC's terms for machine-made pixels: an edited photo, or an image made from a prompt. */
const SOURCE_TYPE = 'http://cv.iptc.org/newscodes/digitalsourcetype/'

/** The files a recipe's output of a photo may go to, in order: `<name>.<recipe>.<ext>`, `-2`, … */
function* outputPaths(outDir: string, relative: string, recipe: Recipe): Generator<string> {
  const name = basename(relative, extname(relative))
  const ext = recipe.outputFormat === 'jpeg' ? 'jpg' : recipe.outputFormat
  const dir = join(outDir, dirname(relative))
  for (let n = 1; ; n++) yield join(dir, `${name}.${recipe.id}${n > 1 ? `-${n}` : ''}.${ext}`)
}

/**
 * The cache key of an output: the photo's bytes (and a product's other photos sent with it, in
 * order) and everything the recipe asks. One photo alone keys as it always has.
 */
export function studioCacheKey(photos: Buffer | readonly Buffer[], recipe: Recipe): string {
  const ask = JSON.stringify({ ask: recipe.ask, after: recipe.after, format: recipe.outputFormat })
  const hash = createHash('sha256')
  for (const [i, photo] of (Buffer.isBuffer(photos) ? [photos] : photos).entries())
    hash.update(i === 0 ? photo : Buffer.concat([Buffer.from('\0photo\0'), photo]))
  return hash.update('\0').update(ask).digest('hex')
}

/** Made images by cache key, so a second run over the same photos sends nothing. */
export class StudioCache {
  constructor(private readonly dir: string) {}

  async get(key: string): Promise<Buffer | null> {
    return readFile(join(this.dir, key)).catch(() => null)
  }

  async put(key: string, image: Buffer): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    await writeFileAtomic(join(this.dir, key), image)
    await rm(this.markPath(key), { force: true })
  }

  /** Why an earlier run's request for this key may have been billed, if one may have been. */
  async possiblyBilled(key: string): Promise<string | null> {
    return readFile(this.markPath(key), 'utf8').catch(() => null)
  }

  /** Remembers that a request for this key may have been billed: no later run re-sends it unasked. */
  async markPossiblyBilled(key: string, reason: string): Promise<void> {
    await mkdir(this.dir, { recursive: true })
    await writeFileAtomic(this.markPath(key), reason)
  }

  private markPath(key: string): string {
    return join(this.dir, `${key}.possibly-billed`)
  }
}

/**
 * Writes a photo's output under `outDir` whole or not at all (a temp file renamed into place),
 * never over another file (`-2`, `-3`, … when taken) — unless that file already is this very
 * output, which is kept. `tag`: IPTC's DigitalSourceType (machine-made pixels, as marketplaces
 * ask) and what made it (XMP CreatorTool: recipe, model, quality, size) go into its XMP first.
 * Returns where it is.
 */
export async function writeOutput(
  outDir: string,
  relative: string,
  recipe: Recipe,
  image: Buffer,
  tag: (() => ExifTool) | null
): Promise<string> {
  const paths = outputPaths(outDir, relative, recipe)
  const first = paths.next().value as string
  await mkdir(dirname(first), { recursive: true })
  await sweepPartials(dirname(first))
  const temp = `${first}.partial-${process.pid}-${Math.random().toString(36).slice(2)}${extname(first)}`
  try {
    await writeFile(temp, image, { flag: 'wx' })
    if (tag)
      await tag().write(
        temp,
        {
          // An edit of a photo is a composite; an image made from words alone is wholly made.
          'XMP-iptcExt:DigitalSourceType': `${SOURCE_TYPE}${recipe.ask?.generate ? 'trainedAlgorithmicMedia' : 'compositeWithTrainedAlgorithmicMedia'}`,
          // What the image was made with, so any copy of the file still says so.
          'XMP-xmp:CreatorTool': madeWith(recipe)
        } as never,
        { writeArgs: ['-overwrite_original'] }
      )
    const written = tag ? await readFile(temp) : image
    for (let path = first; ; path = paths.next().value as string) {
      const existing = await readFile(path).catch(() => null)
      if (existing?.equals(written)) return path
      if (existing) continue
      await rename(temp, path)
      return path
    }
  } finally {
    await rm(temp, { force: true })
  }
}

/** "Photoscribe white-background (gpt-image-2, low, 1024x1024)": a recipe's making, in words. */
function madeWith(recipe: Recipe): string {
  const ask = recipe.ask
  return `Photoscribe ${recipe.id}${ask ? ` (${ask.model}, ${ask.quality}, ${ask.size})` : ''}`
}

/** Folders already swept of a killed run's partial files, in this process. */
const swept = new Set<string>()

/**
 * Removes the partial files a run killed mid-write left in `dir` (`….partial-<pid>-…`), those of
 * a process no longer alive, once per folder: a killed run leaves no half-written image behind.
 */
async function sweepPartials(dir: string): Promise<void> {
  if (swept.has(dir)) return
  swept.add(dir)
  const names = await readdir(dir).catch(() => [] as string[])
  for (const name of names) {
    const pid = /\.partial-(\d+)-[a-z0-9]+\.\w+$/.exec(name)?.[1]
    if (pid && Number(pid) !== process.pid && !alive(Number(pid)))
      await rm(join(dir, name), { force: true })
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
