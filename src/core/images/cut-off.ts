import { open, type FileHandle } from 'node:fs/promises'
import { jpegStartOfScan } from './jpeg-scan'

/** A file's last bytes that hold its ending (a JPEG's end marker, a PNG's IEND chunk). */
export const CUT_OFF_TAIL = 4096
/** A JPEG's header segments (EXIF, ICC, tables) are read up to here to find where its scan starts. */
export const CUT_OFF_HEAD = 256 * 1024

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
    const read = (from: number, length: number): Promise<Buffer> => readAt(file, from, length, size)
    return await cutOffIn(await read(0, CUT_OFF_HEAD), size, read)
  } finally {
    await file.close()
  }
}

/** Bytes of a file from `from`, at most `length` and never past its end. */
export async function readAt(
  file: FileHandle,
  from: number,
  length: number,
  size: number
): Promise<Buffer> {
  const bytes = Buffer.alloc(Math.max(0, Math.min(length, size - from)))
  await file.read(bytes, 0, bytes.length, from)
  return bytes
}

/**
 * The same from a file's first bytes already read (`head`, up to CUT_OFF_HEAD), its size, and a
 * way to read its last bytes (from the head itself when the head is the whole file).
 */
export async function cutOffIn(
  head: Buffer,
  size: number,
  read: (from: number, length: number) => Promise<Buffer>
): Promise<boolean> {
  if (head[0] === 0xff && head[1] === 0xd8) {
    const scan = jpegScanStart(head.subarray(0, CUT_OFF_HEAD))
    // No scan in a file shorter than the header read: it ends inside its header.
    if (scan === null) return size <= CUT_OFF_HEAD
    const from = Math.max(scan, size - CUT_OFF_TAIL)
    return !hasJpegEnd(await read(from, size - from))
  }
  return cutOff(head, await read(Math.max(0, size - CUT_OFF_TAIL), CUT_OFF_TAIL), size)
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
