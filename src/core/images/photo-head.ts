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

/** Read buffers lent to header reads (one per read at once): nothing allocated per photo. */
const spareHeads: Buffer[] = []

/**
 * A photo's size and whether it looks cut off, from one open: its first 256 KiB (all of a small
 * photo) and, for a larger one, its last bytes. Reading the size and the ending apart took two
 * opens and four reads a photo, and with 100,000 photos the window's main process spent its time
 * issuing them; a photo the walk saw smaller than that is read whole, in one call. A header the
 * parser does not know goes to sharp.
 */
export async function readPhotoHead(path: string, knownBytes?: number): Promise<PhotoHead> {
  if (knownBytes !== undefined && knownBytes < CUT_OFF_HEAD) return headOfWhole(path)
  const file = await open(path, 'r').catch(() => null)
  if (!file) return { size: null, cutOff: false }
  const buffer = spareHeads.pop() ?? Buffer.allocUnsafe(CUT_OFF_HEAD)
  try {
    const { bytesRead } = await file.read(buffer, 0, CUT_OFF_HEAD, 0)
    const head = buffer.subarray(0, bytesRead)
    const size = sizeFromHead(head) ?? (await sizeFromSharp(path))
    if (!size) return { size: null, cutOff: false }
    return { size, cutOff: await cutOffOf(file, head, bytesRead < CUT_OFF_HEAD) }
  } finally {
    await file.close()
    if (spareHeads.length < 64) spareHeads.push(buffer)
  }
}

async function headOfWhole(path: string): Promise<PhotoHead> {
  const data = await readWhole(path).catch(() => null)
  const size = data && (sizeFromHead(data) ?? (await sizeFromSharp(path)))
  if (!data || !size) return { size: null, cutOff: false }
  return { size, cutOff: await cutOffOf(null, data, true) }
}

function cutOffOf(file: FileHandle | null, head: Buffer, whole: boolean): Promise<boolean> {
  if (whole || !file)
    return cutOffIn(head, head.length, async (from, length) => head.subarray(from, from + length))
  return file
    .stat()
    .then(({ size }) => cutOffIn(head, size, (from, length) => readAt(file, from, length, size)))
}

/** A photo's upright size as sharp reads it (formats the header parser does not know). */
export async function sizeFromSharp(path: string): Promise<Size | null> {
  const meta = await sharp(path)
    .metadata()
    .catch(() => null)
  if (!meta?.width || !meta.height) return null
  return meta.autoOrient ?? { width: meta.width, height: meta.height }
}
