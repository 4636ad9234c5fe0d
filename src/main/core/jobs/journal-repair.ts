import { open, writeFile } from 'node:fs/promises'

/** What `repairTail` found: the bytes it cut (0 when the journal ended cleanly). */
export interface TailRepair {
  cutBytes: number
  /** Where the cut bytes were kept for diagnosis. */
  keptAt?: string
}

const TAIL_WINDOW = 1024 * 1024

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
    const start = Math.max(0, size - TAIL_WINDOW)
    const tail = Buffer.alloc(size - start)
    await file.read(tail, 0, tail.length, start)
    if (tail[tail.length - 1] === 0x0a) return { cutBytes: 0 }
    const lastNewline = tail.lastIndexOf(0x0a)
    const keepUpTo = lastNewline === -1 ? start : start + lastNewline + 1
    const cut = tail.subarray(keepUpTo - start)
    const keptAt = `${path}.torn-${now()}`
    await writeFile(keptAt, cut)
    await file.truncate(keepUpTo)
    await file.sync()
    return { cutBytes: cut.length, keptAt }
  } finally {
    await file.close()
  }
}
