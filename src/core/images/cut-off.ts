import { open } from 'node:fs/promises'
import { jpegStartOfScan } from './jpeg-scan'

const TAIL = 4096
/** A JPEG's header segments (EXIF, ICC, tables) are read up to here to find where its scan starts. */
const HEAD = 256 * 1024

/**
 * Whether a photo's file ends before its image does — a copy that stopped, a card pulled out too
 * early — read from its first and last bytes only (no pixels decoded): a JPEG without its end
 * marker near the end, a PNG without its IEND chunk, a WebP shorter than its RIFF header says.
 * Such a file still decodes in part; the window warns before it is sent (and billed).
 */
export async function looksCutOff(path: string): Promise<boolean> {
  const file = await open(path, 'r').catch(() => null)
  if (!file) return false
  try {
    const { size } = await file.stat()
    const read = async (from: number, length: number): Promise<Buffer> => {
      const bytes = Buffer.alloc(Math.max(0, Math.min(length, size - from)))
      await file.read(bytes, 0, bytes.length, from)
      return bytes
    }
    const head = await read(0, 12)
    if (head[0] === 0xff && head[1] === 0xd8) {
      const scan = jpegScanStart(await read(0, HEAD))
      // No scan in a file shorter than the header read: it ends inside its header.
      if (scan === null) return size <= HEAD
      const from = Math.max(scan, size - TAIL)
      return !hasJpegEnd(await read(from, size - from))
    }
    return cutOff(head, await read(Math.max(0, size - TAIL), TAIL), size)
  } finally {
    await file.close()
  }
}

function cutOff(head: Buffer, tail: Buffer, size: number): boolean {
  if (head.subarray(0, 4).equals(PNG)) return !tail.includes('IEND', 0, 'latin1')
  if (head.toString('latin1', 0, 4) === 'RIFF' && head.toString('latin1', 8, 12) === 'WEBP')
    return head.readUInt32LE(4) + 8 > size
  return false
}

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47])

/** Where a JPEG's first scan's data starts (after its start-of-scan segment), within `head`. */
function jpegScanStart(head: Buffer): number | null {
  const scan = jpegStartOfScan(head)
  return scan && scan.at + 2 + scan.length
}

/** An end-of-image marker (FF D9) in the scan's last bytes; a camera may append a trailer after it. */
function hasJpegEnd(tail: Buffer): boolean {
  for (let i = tail.length - 2; i >= 0; i--)
    if (tail[i] === 0xff && tail[i + 1] === 0xd9) return true
  return false
}
