import { toSend, type JobItem, type JobState } from '../jobs/job-state'
import { partOf } from '../jobs/batch-state'

/** How many batches one photo may go into in one run (an expired one is sent again). */
const ROUNDS_PER_RUN = 3

/**
 * Photos to put in a new batch: to send and in no open batch. Within one run a photo goes again
 * only when its batch expired or never ran it; a failed line waits for a person's re-run.
 * `rounds` counts the batches each photo went into in this run.
 */
export function photosToBatch(state: JobState, rounds: ReadonlyMap<string, number>): JobItem[] {
  return [...state.items.values()].filter((item) => {
    const round = rounds.get(item.id) ?? 0
    if (!toSend(item) || round >= ROUNDS_PER_RUN) return false
    if (round > 0 && item.status !== 'pending' && item.code !== 'batch_expired') return false
    const part = partOf(state.batch, item.id)
    return !part || part.settled
  })
}
