import { createHash } from 'node:crypto'
import { readFile } from 'node:fs'
import { open } from 'node:fs/promises'
import type { Size } from '@shared/models/image-tokens'
import { sizeFromHead } from './head-size'

/** A file's SHA-256, size and first bytes (for sniffing its format). */
export interface FileDigest {
  sha256: string
  bytes: number
  head: Buffer
  /** The upright size its first chunk's header gives (JPEG, PNG, WebP); null: ask sharp later. */
  size: Size | null
  /** The whole file, when asked for and it fits in one chunk (256 KiB): no second read. */
  data?: Buffer
}

const CHUNK_BYTES = 256 * 1024
const HEAD_BYTES = 512

/**
 * Read buffers kept for reuse. Hashing a 2,000-photo job through fresh stream chunks allocates
 * gigabytes of short-lived external memory, and V8 answers every ~64 MB of it with a full garbage
 * collection that stalls the main process (measured: −10 % throughput with the tokenizer loaded).
 * Reused buffers allocate nothing per photo.
 */
const spareBuffers: Buffer[] = []
/** One per file read at once (`FILE_CONCURRENCY`): 8 MB kept, nothing allocated per photo. */
const MAX_SPARE_BUFFERS = 32

/**
 * Hashes a file. One the walk saw at 256 KiB or less is read in one call (`fs.readFile`: one trip
 * through the thread pool, where open, read, read and close each cost a promise): with 100,000
 * small photos, issuing those calls was most of the main process's time. Others are read in
 * 256 KiB chunks into a reused buffer: never held whole in memory. With `keepSmall`, a file that
 * fits in one chunk comes back whole too, so whoever decodes it next need not read it again.
 */
export async function hashFile(
  path: string,
  knownBytes?: number,
  keepSmall = false
): Promise<FileDigest> {
  if (knownBytes !== undefined && knownBytes <= CHUNK_BYTES) {
    const data = await readWhole(path)
    return keepSmall ? { ...digestOf(data), data } : digestOf(data)
  }
  const file = await open(path, 'r')
  const buffer = spareBuffers.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES)
  try {
    const hash = createHash('sha256')
    let bytes = 0
    let head: Buffer | null = null
    let size: Size | null = null
    let first: Buffer | undefined
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, CHUNK_BYTES, null)
      if (bytesRead === 0) break
      if (keepSmall && bytes === 0 && bytesRead < CHUNK_BYTES)
        first = Buffer.from(buffer.subarray(0, bytesRead))
      if (!head) size = sizeFromHead(buffer.subarray(0, bytesRead))
      head ??= Buffer.from(buffer.subarray(0, Math.min(bytesRead, HEAD_BYTES)))
      bytes += bytesRead
      hash.update(buffer.subarray(0, bytesRead))
    }
    const digest = { sha256: hash.digest('hex'), bytes, head: head ?? Buffer.alloc(0), size }
    return first && first.length === bytes ? { ...digest, data: first } : digest
  } finally {
    if (spareBuffers.length < MAX_SPARE_BUFFERS) spareBuffers.push(buffer)
    await file.close()
  }
}

/** A whole file in one call (the callback API: its promise twin reads in chunks). */
export function readWhole(path: string): Promise<Buffer> {
  return new Promise((resolve, reject) =>
    readFile(path, (error, data) => (error ? reject(error) : resolve(data)))
  )
}

function digestOf(data: Buffer): FileDigest {
  return {
    sha256: createHash('sha256').update(data).digest('hex'),
    bytes: data.length,
    head: Buffer.from(data.subarray(0, HEAD_BYTES)),
    size: sizeFromHead(data.subarray(0, CHUNK_BYTES))
  }
}
