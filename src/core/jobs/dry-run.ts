import type { RateLimits } from '@shared/models/catalog'
import { FILE_CONCURRENCY, mapBounded } from '../files/map-bounded'
import type { JobEstimate } from '../estimate/job-estimate'
import { estimatePhotos } from './photo-estimate'
import { readPhotoSize } from '../images/photo-head'
import type { JobState } from './job-state'
import type { JobSettings } from './job-store'
import type { UsageHints } from '../estimate/request-estimate'

/**
 * The estimate of a job before it runs (`--dry-run`): every pending photo's header read, then the
 * same estimate the window shows (the job's prices, a stand-in for an uncatalogued model).
 */
export async function estimateFromPhotos(
  state: JobState,
  settings: JobSettings,
  keys: RateLimits[],
  hints?: UsageHints
): Promise<JobEstimate & { unreadable: number }> {
  const pending = [...state.items.values()].filter((item) => item.status === 'pending')
  // Headers only, several at once (nothing is decoded): the disk, not the CPU, sets the pace.
  const measured = await mapBounded(pending, FILE_CONCURRENCY, async (item) => ({
    path: item.paths[0],
    size: item.size ?? (await readPhotoSize(item.paths[0]))
  }))
  const { estimate, unreadable } = estimatePhotos(settings, measured, {
    keyLimits: keys,
    queueLimit: state.batch.learnedLimit ?? undefined,
    hints
  })
  return { ...estimate, unreadable }
}
