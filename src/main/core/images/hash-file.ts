import { createHash } from 'node:crypto'
import { createReadStream } from 'node:fs'

/** A file's SHA-256, size and first bytes (for sniffing its format). */
export interface FileDigest {
  sha256: string
  bytes: number
  head: Buffer
}

/** Hashes a file streamed in 1 MiB chunks: the file is never held whole in memory. */
export function hashFile(path: string): Promise<FileDigest> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256')
    let bytes = 0
    let head: Buffer | null = null
    createReadStream(path, { highWaterMark: 1024 * 1024 })
      .on('data', (chunk) => {
        const data = chunk as Buffer
        head ??= Buffer.from(data.subarray(0, 512))
        bytes += data.length
        hash.update(data)
      })
      .on('error', reject)
      .on('end', () =>
        resolve({ sha256: hash.digest('hex'), bytes, head: head ?? Buffer.alloc(0) })
      )
  })
}
