import type { Size } from '@shared/models/image-tokens'
import { FILE_CONCURRENCY, mapBounded } from '../files/map-bounded'
import { batchesOf, codedError, readThreads } from '../images/read-threads'
import { hashFile } from '../images/hash-file'
import { sizeFromHead } from '../images/head-size'

/** A file's content hash and size, and its upright size when its first chunk gave it. */
export type FileHash = { sha256: string; bytes: number; size?: Size } | { error: unknown }

/** Calls in flight at once: each thread has the next call waiting when it answers one. */
const CALLS = 8

/**
 * Hashes files, results in the given order, on the process's read threads: a dry run of 100,000
 * small photos hashed on the thread pool took 12–20 s, the main thread issuing each read. A call
 * whose thread fails is hashed on the thread pool. `onProgress` hears how many are hashed.
 */
export async function hashFiles(
  paths: readonly string[],
  knownBytes: ReadonlyMap<string, number> | undefined,
  onProgress: (hashed: number) => void
): Promise<FileHash[]> {
  let hashed = 0
  const batches = await mapBounded(batchesOf(paths), CALLS, async (batch) => {
    const hashes = await hashBatch(batch, knownBytes)
    onProgress((hashed += batch.length))
    return hashes
  })
  return batches.flat()
}

async function hashBatch(
  paths: readonly string[],
  knownBytes: ReadonlyMap<string, number> | undefined
): Promise<FileHash[]> {
  const read = await readThreads()
    .hash(paths)
    .catch(() => null)
  if (!read) return mapBounded(paths, FILE_CONCURRENCY, (path) => hashOnPool(path, knownBytes))
  return read.map((file) => {
    if ('error' in file) return { error: codedError(file.error) }
    const size = sizeFromHead(file.pieces[0])
    return { sha256: file.sha256, bytes: file.bytes, ...(size ? { size } : {}) }
  })
}

function hashOnPool(path: string, knownBytes?: ReadonlyMap<string, number>): Promise<FileHash> {
  return hashFile(path, knownBytes?.get(path)).then(
    ({ sha256, bytes, size }) => ({ sha256, bytes, ...(size ? { size } : {}) }),
    (error: unknown) => ({ error })
  )
}
