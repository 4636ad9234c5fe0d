import { open, writeFile, type FileHandle } from 'node:fs/promises'

/** What `repairTail` found: the bytes it cut (0 when the journal ended cleanly). */
export interface TailRepair {
  cutBytes: number
  /** Where the cut bytes were kept for diagnosis. */
  keptAt?: string
}

const WINDOW = 64 * 1024

/**
 * Cuts a torn last line (a crash or a full disk mid-append) off a journal before anything is
 * appended after it, so a new line is never glued onto a fragment. The cut bytes are kept beside
 * the journal as `<journal>.torn-<time>` for diagnosis.
 */
export async function repairTail(path: string, now: () => number = Date.now): Promise<TailRepair> {
  const file = await open(path, 'r+').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null
    throw error
  })
  if (!file) return { cutBytes: 0 }
  try {
    const { size } = await file.stat()
    if (size === 0) return { cutBytes: 0 }
    const last = Buffer.alloc(1)
    await file.read(last, 0, 1, size - 1)
    if (last[0] === 0x0a) return { cutBytes: 0 }
    const keepUpTo = await afterLastNewline(file, size)
    const cut = Buffer.alloc(size - keepUpTo)
    await file.read(cut, 0, cut.length, keepUpTo)
    const keptAt = `${path}.torn-${now()}`
    await writeFile(keptAt, cut)
    await file.truncate(keepUpTo)
    await file.sync()
    return { cutBytes: cut.length, keptAt }
  } finally {
    await file.close()
  }
}

/** The offset just after the file's last newline (0 when it has none), read backwards in windows. */
async function afterLastNewline(file: FileHandle, size: number): Promise<number> {
  const window = Buffer.alloc(WINDOW)
  for (let end = size; end > 0; end -= WINDOW) {
    const start = Math.max(0, end - WINDOW)
    const { bytesRead } = await file.read(window, 0, end - start, start)
    const at = window.subarray(0, bytesRead).lastIndexOf(0x0a)
    if (at !== -1) return start + at + 1
  }
  return 0
}
