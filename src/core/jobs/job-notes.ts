import { Journal } from './journal'
import type { JournalEvent } from './journal-events'
import { applyEvent } from './job-state'
import type { StoredJob } from './job-store'
import { writeSummary } from './job-summary'
import { lockJob } from './job-lock'

/**
 * Journals a person's changes (edits, retries, removals) to a job no run holds: under the job's
 * lock, so a CLI run of the same job cannot write beside it; the state and summary follow.
 */
export async function noteOnJob(job: StoredJob, events: readonly JournalEvent[]): Promise<void> {
  const lock = await lockJob(job.dir)
  try {
    const journal = await Journal.open(job.journalPath)
    try {
      await journal.append(...events)
    } finally {
      await journal.close()
    }
    for (const event of events) applyEvent(job.state, event)
    await writeSummary(job)
  } finally {
    await lock.release()
  }
}
