import { createWriteStream, type WriteStream } from 'node:fs'
import { once } from 'node:events'
import { join } from 'node:path'

/** The most lines one batch input file may hold (the Batch API's limit). */
const MAX_LINES = 50_000

interface LineFile {
  path: string
  keys: string[]
  bytes: number
  stream: WriteStream
}

/**
 * Batch input files written line by line to disk (a photo's data URL is megabytes: nothing holds
 * every line in memory), a new file once the next line would pass the byte or line limit.
 */
export class BatchLineFiles {
  private readonly files: LineFile[] = []

  constructor(
    private readonly dir: string,
    private readonly maxBytes: number
  ) {}

  async add(key: string, line: string): Promise<void> {
    const bytes = Buffer.byteLength(line) + 1
    let file = this.files.at(-1)
    if (!file || file.bytes + bytes > this.maxBytes || file.keys.length >= MAX_LINES) {
      const path = join(this.dir, `input-${process.pid}-${Date.now()}-${this.files.length}.jsonl`)
      file = { path, keys: [], bytes: 0, stream: createWriteStream(path) }
      this.files.push(file)
    }
    file.keys.push(key)
    file.bytes += bytes
    if (!file.stream.write(`${line}\n`)) await once(file.stream, 'drain')
  }

  /** Closes every file; returns them with the keys of their lines. */
  async close(): Promise<{ path: string; keys: string[] }[]> {
    for (const file of this.files) {
      file.stream.end()
      await once(file.stream, 'close')
    }
    return this.files.map(({ path, keys }) => ({ path, keys }))
  }
}
