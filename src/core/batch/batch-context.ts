import type { PartLimits } from '@shared/models/batch-limits'
import type { EngineContext } from '../jobs/engine-context'
import type { BatchClient } from './batch-client'
import type { BatchWatchPool } from './batch-watch'

/** What a Batch run needs besides what a live run does. */
export interface BatchEngineContext extends EngineContext {
  batchClient: BatchClient
  watches: BatchWatchPool
  /** File limits over the Batch API's (tests split small jobs). */
  partLimits?: Partial<PartLimits>
}
