import { open, type FileHandle } from 'node:fs/promises'
import sharp from 'sharp'
import { readThreads } from './read-threads'
import type { Size } from '@shared/models/image-tokens'
import { CUT_OFF_HEAD, CUT_OFF_TAIL, cutOffIn, readAt } from './cut-off'
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

/** A file's first bytes (all of a small file), and its last ones when the first are not all. */
export interface HeadBytes {
  /** The file's size. */
  bytes: number
  /** Up to CUT_OFF_HEAD bytes from its start. */
  head: Buffer
  /** Up to CUT_OFF_TAIL bytes before its end (none when `head` holds all of it). */
  tail: Buffer
}

/**
 * A photo's size and whether it looks cut off, from one open: its first 256 KiB (all of a small
 * photo) and, for a larger one, its last bytes, on the thread pool. Many at once go to the read
 * threads (`readPhotoHeads`), which fall back on this.
 */
export async function readPhotoHead(path: string): Promise<PhotoHead> {
  const read = await readHeadBytes(path).catch(() => null)
  return read ? headFromBytes(path, read) : { size: null, cutOff: false }
}

/**
 * Many photos' heads, in the order given, read on the process's read threads (the thread pool
 * reads them one by one if a thread fails).
 */
export async function readPhotoHeads(paths: readonly string[]): Promise<PhotoHead[]> {
  const read = await readThreads()
    .heads(paths, CUT_OFF_HEAD, CUT_OFF_TAIL)
    .catch(() => null)
  if (!read) return Promise.all(paths.map((path) => readPhotoHead(path)))
  return Promise.all(
    read.map((file, i) =>
      'error' in file
        ? { size: null, cutOff: false }
        : headFromBytes(paths[i], { bytes: file.bytes, head: file.pieces[0], tail: file.pieces[1] })
    )
  )
}

/** What a photo's first and last bytes say: its size and whether it looks cut off. */
export async function headFromBytes(
  path: string,
  { bytes, head, tail }: HeadBytes
): Promise<PhotoHead> {
  const size = sizeFromHead(head) ?? (await sizeFromSharp(path))
  if (!size) return { size: null, cutOff: false }
  if (head.length >= bytes) return { size, cutOff: await cutOffInWhole(head) }
  const tailStart = bytes - tail.length
  const fromTail = async (from: number, length: number): Promise<Buffer> =>
    tail.subarray(from - tailStart, from - tailStart + length)
  return { size, cutOff: await cutOffIn(head, bytes, fromTail) }
}

/** A file's size, first bytes and last bytes, through one open. */
async function readHeadBytes(path: string): Promise<HeadBytes | null> {
  return withFile(path, async (file) => {
    const { size: bytes } = await file.stat()
    const head = await readAt(file, 0, CUT_OFF_HEAD, bytes)
    const tailFrom = Math.max(head.length, bytes - CUT_OFF_TAIL)
    return { bytes, head, tail: await readAt(file, tailFrom, bytes - tailFrom, bytes) }
  })
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
