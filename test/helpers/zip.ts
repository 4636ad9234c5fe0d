import { crc32, deflateRawSync } from 'node:zlib'

/** One file of a hand-made ZIP; `claim` overrides the unpacked size the archive states. */
export interface ZipPart {
  name: string
  data: Buffer
  claim?: number
}

/**
 * Writes a ZIP (deflated parts) the way an attacker can: `claim` lies about a part's size, and
 * `repeat` lists a part in the table of contents that many times over the same packed bytes
 * (the overlapping-entries zip bomb).
 */
export function makeZip(parts: ZipPart[], repeat = 1): Buffer {
  const locals: Buffer[] = []
  const central: Buffer[] = []
  let offset = 0
  for (const part of parts) {
    const name = Buffer.from(part.name)
    const packed = deflateRawSync(part.data, { level: 9 })
    const sizes = {
      crc: crc32(part.data),
      packed: packed.length,
      unpacked: part.claim ?? part.data.length
    }
    const local = header(0x04034b50, 30, name, sizes)
    locals.push(local, packed)
    for (let i = 0; i < repeat; i++) central.push(centralEntry(name, sizes, offset))
    offset += local.length + packed.length
  }
  const directory = Buffer.concat(central)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(central.length, 8)
  end.writeUInt16LE(central.length, 10)
  end.writeUInt32LE(directory.length, 12)
  end.writeUInt32LE(offset, 16)
  return Buffer.concat([...locals, directory, end])
}

interface Sizes {
  crc: number
  packed: number
  unpacked: number
}

function header(signature: number, size: number, name: Buffer, sizes: Sizes): Buffer {
  const at = signature === 0x04034b50 ? 14 : 16 // where the CRC sits in a local or central header
  const buffer = Buffer.alloc(size + name.length)
  buffer.writeUInt32LE(signature, 0)
  buffer.writeUInt16LE(20, signature === 0x04034b50 ? 4 : 6) // version needed
  buffer.writeUInt16LE(8, at - 6) // deflate
  buffer.writeUInt32LE(sizes.crc, at)
  buffer.writeUInt32LE(sizes.packed, at + 4)
  buffer.writeUInt32LE(sizes.unpacked, at + 8)
  buffer.writeUInt16LE(name.length, at + 12)
  name.copy(buffer, size)
  return buffer
}

function centralEntry(name: Buffer, sizes: Sizes, offset: number): Buffer {
  const entry = header(0x02014b50, 46, name, sizes)
  entry.writeUInt16LE(20, 4) // made by
  entry.writeUInt32LE(offset, 42)
  return entry
}
