import { createHash } from 'node:crypto'
import { productKey } from '@shared/domain/product-groups'
import type { IngestResult } from '../ingest/ingest'
import type { JobSettings } from './job-store'

/**
 * The photos of this machine's slice: each product group (by the job's grouping), else each
 * photo by its content hash, goes to one shard by a stable hash, so several machines given the
 * same folder and `--shard 1/3`, `2/3`, `3/3` split it with nothing twice and nothing left out,
 * and a product is never split across machines.
 */
export function shardOf(found: IngestResult, settings: JobSettings): IngestResult {
  const shard = settings.shard
  if (!shard || shard.count === 1) return found
  const by = settings.groupBy ?? 'none'
  const keyOf = (path: string, sha256: string): string =>
    by === 'none' ? sha256 : productKey(path, by, settings.skuPattern).toLowerCase()
  const mine = (key: string): boolean => slot(key, shard.count) === shard.index - 1
  return {
    ...found,
    photos: found.photos.filter((photo) => mine(keyOf(photo.paths[0], photo.sha256))),
    rejected: found.rejected.filter((file) => mine(keyOf(file.path, file.path)))
  }
}

/** A key's shard, 0-based: the first 48 bits of its SHA-256, modulo the count. */
function slot(key: string, count: number): number {
  return parseInt(createHash('sha256').update(key).digest('hex').slice(0, 12), 16) % count
}
