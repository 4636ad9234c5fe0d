import { once } from 'node:events'
import { createWriteStream, type WriteStream } from 'node:fs'
import { createDeflateRaw, crc32 } from 'node:zlib'

/** One written entry, as the central directory lists it. */
interface Entry {
  name: Buffer
  offset: number
  crc: number
  compressed: number
  size: number
}

const UTF8_AND_DESCRIPTOR = 0x0808
const DEFLATE = 8
const VERSION = 20
/** 1980-01-01 00:00 in DOS time: entries carry no clock, so the same content zips the same. */
const DOS_DATE = (0 << 9) | (1 << 5) | 1

/**
 * A zip file written entry by entry as it is made, each entry deflated as a stream: nothing but
 * the central directory's few numbers per entry stays in memory, whatever the entries' sizes.
 */
export class ZipWriter {
  private readonly entries: Entry[] = []
  private offset = 0

  private constructor(private readonly out: WriteStream) {}

  static async create(path: string): Promise<ZipWriter> {
    const out = createWriteStream(path)
    await once(out, 'open')
    return new ZipWriter(out)
  }

  /** Writes one entry: `fill` puts its text, a piece at a time, paced by the disk and zlib. */
  async entry(
    name: string,
    fill: (put: (text: string) => Promise<void>) => Promise<void>
  ): Promise<void> {
    const entry: Entry = {
      name: Buffer.from(name),
      offset: this.offset,
      crc: 0,
      compressed: 0,
      size: 0
    }
    await this.write(localHeader(entry.name))
    const deflate = createDeflateRaw({ level: 6 })
    deflate.on('data', (chunk: Buffer) => {
      entry.compressed += chunk.length
      if (!this.put(chunk)) {
        deflate.pause()
        this.out.once('drain', () => deflate.resume())
      }
    })
    const ended = once(deflate, 'end')
    await fill(async (text) => {
      const bytes = Buffer.from(text)
      entry.crc = crc32(bytes, entry.crc)
      entry.size += bytes.length
      if (!deflate.write(bytes)) await once(deflate, 'drain')
    })
    deflate.end()
    await ended
    await this.write(descriptor(entry))
    this.entries.push(entry)
  }

  /** Writes the central directory and closes the file. */
  async close(): Promise<void> {
    const start = this.offset
    for (const entry of this.entries) await this.write(centralHeader(entry))
    await this.write(endOfDirectory(this.entries.length, this.offset - start, start))
    this.out.end()
    await once(this.out, 'finish')
  }

  /** Stops writing (a failed export): the partial file is the caller's to delete. */
  abandon(): void {
    this.out.destroy()
  }

  private put(bytes: Buffer): boolean {
    this.offset += bytes.length
    return this.out.write(bytes)
  }

  private async write(bytes: Buffer): Promise<void> {
    if (!this.put(bytes)) await once(this.out, 'drain')
  }
}

function localHeader(name: Buffer): Buffer {
  const head = Buffer.alloc(30)
  head.writeUInt32LE(0x04034b50, 0)
  head.writeUInt16LE(VERSION, 4)
  head.writeUInt16LE(UTF8_AND_DESCRIPTOR, 6)
  head.writeUInt16LE(DEFLATE, 8)
  head.writeUInt16LE(0, 10)
  head.writeUInt16LE(DOS_DATE, 12)
  // CRC and sizes follow the data, in its descriptor.
  head.writeUInt16LE(name.length, 26)
  return Buffer.concat([head, name])
}

function descriptor(entry: Entry): Buffer {
  const out = Buffer.alloc(16)
  out.writeUInt32LE(0x08074b50, 0)
  out.writeUInt32LE(entry.crc >>> 0, 4)
  out.writeUInt32LE(entry.compressed, 8)
  out.writeUInt32LE(entry.size, 12)
  return out
}

function centralHeader(entry: Entry): Buffer {
  const head = Buffer.alloc(46)
  head.writeUInt32LE(0x02014b50, 0)
  head.writeUInt16LE(VERSION, 4)
  head.writeUInt16LE(VERSION, 6)
  head.writeUInt16LE(UTF8_AND_DESCRIPTOR, 8)
  head.writeUInt16LE(DEFLATE, 10)
  head.writeUInt16LE(0, 12)
  head.writeUInt16LE(DOS_DATE, 14)
  head.writeUInt32LE(entry.crc >>> 0, 16)
  head.writeUInt32LE(entry.compressed, 20)
  head.writeUInt32LE(entry.size, 24)
  head.writeUInt16LE(entry.name.length, 28)
  head.writeUInt32LE(entry.offset, 42)
  return Buffer.concat([head, entry.name])
}

function endOfDirectory(count: number, size: number, offset: number): Buffer {
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(count, 8)
  end.writeUInt16LE(count, 10)
  end.writeUInt32LE(size, 12)
  end.writeUInt32LE(offset, 16)
  return end
}
