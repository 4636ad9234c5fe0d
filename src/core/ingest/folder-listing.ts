import { lstat, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { FILE_CONCURRENCY, mapBounded } from '../files/map-bounded'
import { codedError, readThreads, type FolderEntry } from '../images/read-threads'

/** What the folder walk needs of an entry's `lstat`. */
export interface EntryStats {
  isSymbolicLink(): boolean
  isDirectory(): boolean
  isFile(): boolean
  size: number
}

/** A folder's entry: its `lstat`, or the error it gave. */
export type ListedEntry = { name: string; stats: EntryStats } | { name: string; error: Error }

/**
 * A folder's entries, sorted by name, each with its `lstat`, read on a read thread: 100,000
 * `lstat` calls through the thread pool kept a two-core machine's walk at 9 s. If the thread
 * fails, the thread pool lists the folder. The error reading the folder itself otherwise.
 */
export async function listFolder(path: string): Promise<ListedEntry[] | { error: Error }> {
  const listed = await readThreads()
    .list(path)
    .catch(() => null)
  if (!listed) return listOnPool(path)
  if ('error' in listed) return { error: codedError(listed.error) }
  return listed.entries.map(listedEntry)
}

function listedEntry(entry: FolderEntry): ListedEntry {
  if ('error' in entry) return { name: entry.name, error: codedError(entry.error) }
  return { name: entry.name, stats: new ListedStats(entry.kind, entry.bytes) }
}

class ListedStats implements EntryStats {
  constructor(
    private readonly kind: 'link' | 'folder' | 'file' | 'other',
    readonly size: number
  ) {}

  isSymbolicLink(): boolean {
    return this.kind === 'link'
  }

  isDirectory(): boolean {
    return this.kind === 'folder'
  }

  isFile(): boolean {
    return this.kind === 'file'
  }
}

/** The same through the thread pool; `lstat` calls go out together, taken in name order. */
async function listOnPool(path: string): Promise<ListedEntry[] | { error: Error }> {
  let names: string[]
  try {
    names = (await readdir(path)).sort()
  } catch (error) {
    return { error: error as Error }
  }
  return mapBounded(names, FILE_CONCURRENCY, (name) =>
    lstat(join(path, name)).then(
      (stats) => ({ name, stats }),
      (error: Error) => ({ name, error })
    )
  )
}
