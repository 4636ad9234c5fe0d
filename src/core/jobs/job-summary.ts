import { readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { writeFileAtomic } from '../files/atomic-file'
import { openParts } from './batch-state'
import { countItems, jobSpend } from './job-state'
import type { StoredJob } from './stored-job'

/** What the jobs list shows of a job, kept in `summary.json` so listing never replays journals. */
export interface JobSummary {
  id: string
  name: string
  createdAt: string
  /** The model the job asks (what is left is asked with it). */
  model: string
  finished: boolean
  counts: ReturnType<typeof countItems>
  spentUsd: number
  stopped?: { kind: string; reason: string }
  /** Ran against the built-in simulator. */
  demo?: boolean
  /** A few photos tried before the whole queue ("Try on a sample"). */
  sample?: boolean
  /** Batches of it are still at the Batch API: an app that starts watches them again. */
  batchesOpen?: boolean
}

const FILE = 'summary.json'

/** The summary of a job as its state stands. */
export function summarize(job: StoredJob): JobSummary {
  const { state, settings } = job
  return {
    id: job.id,
    name: settings.name,
    createdAt: settings.createdAt,
    model: settings.model,
    finished: state.finished,
    counts: countItems(state),
    spentUsd: jobSpend(state).costUsd,
    stopped: state.stopped,
    demo: settings.endpoint?.kind === 'demo',
    sample: settings.purpose === 'sample',
    batchesOpen: openParts(state.batch).length > 0
  }
}

/** What `summary.json` holds: the summary and the journal's length it was made from. */
interface StoredSummary extends JobSummary {
  journalBytes?: number
}

/**
 * Writes the job's summary beside its journal (when a job is created and whenever a run closes),
 * with the journal's length: measured first, so a line appended meanwhile makes it stale, never
 * fresh.
 */
export async function writeSummary(job: StoredJob): Promise<void> {
  const journalBytes = await stat(job.journalPath).then(
    (info) => info.size,
    () => undefined
  )
  const stored: StoredSummary = { ...summarize(job), journalBytes }
  await writeFileAtomic(join(job.dir, FILE), JSON.stringify(stored))
}

/**
 * The stored summary, when nothing was appended to the journal since it was written (the journal
 * is as long as it was then); null when it is missing, unreadable or older, and the journal must
 * be replayed. A summary from before lengths were kept is judged by the files' times.
 */
export async function readFreshSummary(jobDir: string): Promise<JobSummary | null> {
  try {
    const [summary, journal] = await Promise.all([
      stat(join(jobDir, FILE)),
      stat(join(jobDir, 'journal.jsonl'))
    ])
    const stored = JSON.parse(await readFile(join(jobDir, FILE), 'utf8')) as StoredSummary
    // Times alone miss a line appended within the clock tick the summary was written in.
    const fresh =
      typeof stored.journalBytes === 'number'
        ? stored.journalBytes === journal.size
        : summary.mtimeMs >= journal.mtimeMs
    if (!fresh) return null
    // Written by a version that did not name the model or count verdicts: replayed once.
    const current = typeof stored.model === 'string' && typeof stored.counts?.approved === 'number'
    if (!current) return null
    delete stored.journalBytes
    return stored
  } catch {
    return null
  }
}
