import { open, type FileHandle } from 'node:fs/promises'
import sharp from 'sharp'
import type { Size } from '@shared/models/image-tokens'
import { CUT_OFF_HEAD, cutOffIn, readAt } from './cut-off'
import { readWhole } from './hash-file'
import { sizeFromHead } from './head-size'

/** What the window learns of a dropped photo before it is run. */
export interface PhotoHead {
  /** Its upright size, or null when it cannot be read as an image. */
  size: Size | null
  /** Its file ends before its image does (see `looksCutOff`). */
  cutOff: boolean
}

/**
 * A photo's upright size from its header (no pixels decoded); null when it cannot be read. The
 * first bytes are parsed here for JPEG, PNG and WebP; anything else, or a header further in,
 * goes to sharp.
 */
export async function readPhotoSize(path: string): Promise<Size | null> {
  const parsed = await withFile(path, (file) => withHead(file, async (head) => sizeFromHead(head)))
  return parsed ?? sizeFromSharp(path)
}

/**
 * A photo's size and whether it looks cut off, from one open: its first 256 KiB (all of a small
 * photo) and, for a larger one, its last bytes. Reading the size and the ending apart took two
 * opens and four reads a photo, and with 100,000 photos the window's main process spent its time
 * issuing them; a photo the walk saw smaller than that is read whole, in one call. A header the
 * parser does not know goes to sharp.
 */
export async function readPhotoHead(path: string, knownBytes?: number): Promise<PhotoHead> {
  if (knownBytes !== undefined && knownBytes < CUT_OFF_HEAD) return headOfWhole(path)
  const head = await withFile(path, (file) =>
    withHead(file, async (head) => {
      const size = sizeFromHead(head) ?? (await sizeFromSharp(path))
      if (!size) return { size: null, cutOff: false }
      if (head.length < CUT_OFF_HEAD) return { size, cutOff: await cutOffInWhole(head) }
      const { size: bytes } = await file.stat()
      const read = (from: number, length: number): Promise<Buffer> =>
        readAt(file, from, length, bytes)
      return { size, cutOff: await cutOffIn(head, bytes, read) }
    })
  )
  return head ?? { size: null, cutOff: false }
}

async function headOfWhole(path: string): Promise<PhotoHead> {
  const data = await readWhole(path).catch(() => null)
  const size = data && (sizeFromHead(data) ?? (await sizeFromSharp(path)))
  if (!data || !size) return { size: null, cutOff: false }
  return { size, cutOff: await cutOffInWhole(data) }
}

/** Whether a file held whole in memory looks cut off. */
function cutOffInWhole(data: Buffer): Promise<boolean> {
  return cutOffIn(data, data.length, async (from, length) => data.subarray(from, from + length))
}

/** A photo's upright size as sharp reads it (formats the header parser does not know). */
export async function sizeFromSharp(path: string): Promise<Size | null> {
  const meta = await sharp(path)
    .metadata()
    .catch(() => null)
  if (!meta?.width || !meta.height) return null
  return meta.autoOrient ?? { width: meta.width, height: meta.height }
}

/** `use` on the open file, closed after; null when it cannot be opened or read. */
async function withFile<T>(path: string, use: (file: FileHandle) => Promise<T>): Promise<T | null> {
  const file = await open(path, 'r').catch(() => null)
  if (!file) return null
  try {
    return await use(file)
  } catch {
    return null
  } finally {
    await file.close()
  }
}

/** Read buffers lent to header reads (one per read at once): nothing allocated per photo. */
const spareHeads: Buffer[] = []

/** The file's first 256 KiB (all of a small file) in a lent buffer, for `use` before it goes back. */
async function withHead<T>(file: FileHandle, use: (head: Buffer) => Promise<T>): Promise<T> {
  const buffer = spareHeads.pop() ?? Buffer.allocUnsafe(CUT_OFF_HEAD)
  try {
    const { bytesRead } = await file.read(buffer, 0, CUT_OFF_HEAD, 0)
    return await use(buffer.subarray(0, bytesRead))
  } finally {
    if (spareHeads.length < 64) spareHeads.push(buffer)
  }
}
