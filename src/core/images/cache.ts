import { createHash } from 'node:crypto'
import { mkdir, readFile, readdir, stat, unlink, utimes } from 'node:fs/promises'
import { join } from 'node:path'
import type { PreparedImage, PreprocessSettings } from './preprocess'
import { replaceFile } from '../files/atomic-file'

/** What the cache keeps per photo: the prepared upload and its facts. */
export interface CachedImage {
  prepared: PreparedImage
  /** A small WebP that entries written before thumbnails were made on export still carry. */
  thumbnail?: Buffer
}

/** Bumped when preprocessing changes what it produces, so old entries are not served. */
const PIPELINE_VERSION = 1
const SUFFIX = '.prep'

/** The cache key: the photo's content hash and every setting that changes the output. */
export function cacheKey(sha256: string, settings: PreprocessSettings): string {
  const { detail, method, jpegQuality, background } = settings
  return createHash('sha256')
    .update(JSON.stringify([PIPELINE_VERSION, sha256, detail, method, jpegQuality, background]))
    .digest('hex')
    .slice(0, 40)
}

/** One entry is one file: [4-byte header length][JSON facts][image][thumbnail, in older entries]. */
function pack(value: CachedImage): Buffer {
  const { data, ...facts } = value.prepared
  const header = Buffer.from(JSON.stringify({ ...facts, imageBytes: data.length }))
  const length = Buffer.alloc(4)
  length.writeUInt32BE(header.length)
  return Buffer.concat([length, header, data, value.thumbnail ?? Buffer.alloc(0)])
}

function unpack(bytes: Buffer): CachedImage {
  const headerLength = bytes.readUInt32BE(0)
  const { imageBytes, ...facts } = JSON.parse(
    bytes.subarray(4, 4 + headerLength).toString('utf8')
  ) as Omit<PreparedImage, 'data'> & { imageBytes: number }
  const start = 4 + headerLength
  const prepared = { ...facts, data: bytes.subarray(start, start + imageBytes) }
  const thumbnail = bytes.subarray(start + imageBytes)
  return thumbnail.length > 0 ? { prepared, thumbnail } : { prepared }
}

/**
 * Prepared images on disk, bounded in size: the least recently used are removed first. Resume and
 * retries read from here instead of decoding the original again. A damaged entry is a miss.
 */
export class PreparedImageCache {
  private readonly entries = new Map<string, { bytes: number; usedAt: number }>()
  private readonly writing = new Set<Promise<void>>()
  private total = 0
  /** Recency as a counter, not a clock: two uses in the same millisecond still have an order. */
  private uses = 0

  private constructor(
    private readonly dir: string,
    private readonly maxBytes: number
  ) {}

  /** Opens (and creates) the cache folder, reading what is already there. */
  static async open(dir: string, maxBytes: number): Promise<PreparedImageCache> {
    await mkdir(dir, { recursive: true })
    const cache = new PreparedImageCache(dir, maxBytes)
    const found: [string, number, number][] = []
    for (const name of await readdir(dir)) {
      if (!name.endsWith(SUFFIX)) continue
      const info = await stat(join(dir, name))
      found.push([name.slice(0, -SUFFIX.length), info.size, info.mtimeMs])
    }
    for (const [key, bytes] of found.sort((a, b) => a[2] - b[2])) {
      cache.entries.set(key, { bytes, usedAt: ++cache.uses })
      cache.total += bytes
    }
    return cache
  }

  get sizeBytes(): number {
    return this.total
  }

  async get(key: string): Promise<CachedImage | null> {
    const entry = this.entries.get(key)
    if (!entry) return null
    try {
      const value = unpack(await readFile(this.path(key)))
      entry.usedAt = ++this.uses
      void utimes(this.path(key), new Date(), new Date()).catch(() => undefined)
      return value
    } catch {
      await this.remove(key)
      return null
    }
  }

  /** Stores an entry; `idle()` resolves once every put so far is on disk. */
  put(key: string, value: CachedImage): Promise<void> {
    const write = this.write(key, value).finally(() => this.writing.delete(write))
    this.writing.add(write)
    return write
  }

  async idle(): Promise<void> {
    await Promise.allSettled([...this.writing])
  }

  private async write(key: string, value: CachedImage): Promise<void> {
    const bytes = pack(value)
    const target = this.path(key)
    await replaceFile(target, bytes)
    this.total += bytes.length - (this.entries.get(key)?.bytes ?? 0)
    this.entries.set(key, { bytes: bytes.length, usedAt: ++this.uses })
    await this.evict()
  }

  private async evict(): Promise<void> {
    if (this.total <= this.maxBytes) return
    const oldestFirst = [...this.entries].sort((a, b) => a[1].usedAt - b[1].usedAt)
    for (const [key] of oldestFirst) {
      if (this.total <= this.maxBytes) break
      await this.remove(key)
    }
  }

  private async remove(key: string): Promise<void> {
    const entry = this.entries.get(key)
    if (!entry) return
    this.total -= entry.bytes
    this.entries.delete(key)
    await unlink(this.path(key)).catch(() => undefined)
  }

  private path(key: string): string {
    return join(this.dir, `${key}${SUFFIX}`)
  }
}
