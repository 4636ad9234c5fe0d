import { hashFile } from './hash-file'
import { cacheKey, type CachedImage, type PreparedImageCache } from './cache'
import { ImageError } from './image-error'
import { preprocessImage, type PreprocessSettings } from './preprocess'

/** A photo to prepare: the item id and where it is. */
export interface PhotoSource {
  id: string
  path: string
}

export type PrepareOutcome =
  | { ok: true; source: PhotoSource; sha256: string; image: CachedImage; fromCache: boolean }
  | { ok: false; source: PhotoSource; error: ImageError }

/**
 * Prepares one photo: hash, serve from the cache or preprocess (and cache).
 * Never throws: a photo that cannot be prepared comes back as `{ ok: false }` with the reason.
 */
export function createPreparer(
  settings: PreprocessSettings,
  cache: PreparedImageCache | null
): (source: PhotoSource) => Promise<PrepareOutcome> {
  return async (source) => {
    try {
      // A small photo is read once: hashed, and handed to sharp as bytes.
      const digest = await hashFile(source.path, undefined, true).catch(
        (error: NodeJS.ErrnoException) => {
          throw unreadable(error)
        }
      )
      const hash = digest.sha256
      const key = cacheKey(hash, settings)
      const cached = await cache?.get(key)
      if (cached) return { ok: true, source, sha256: hash, image: cached, fromCache: true }
      const prepared = await preprocessImage(
        digest.data ?? { path: source.path, head: digest.head, size: digest.bytes },
        settings
      )
      const image = { prepared }
      // Written off the critical path: a failed cache write only costs a later re-preparation.
      void cache?.put(key, image).catch(() => undefined)
      return { ok: true, source, sha256: hash, image, fromCache: false }
    } catch (error) {
      const reason =
        error instanceof ImageError
          ? error
          : new ImageError('damaged', 'This photo could not be prepared.', String(error))
      return { ok: false, source, error: reason }
    }
  }
}

function unreadable(error: NodeJS.ErrnoException): ImageError {
  const why: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    ENOENT: 'the file is gone',
    EISDIR: 'it is a folder'
  }
  return new ImageError(
    'unreadable',
    `Photoscribe can't open this file (${why[error.code ?? ''] ?? 'read error'}).`,
    error.message
  )
}
