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

/** Writes the job's summary beside its journal (when a job is created and whenever a run closes). */
export async function writeSummary(job: StoredJob): Promise<void> {
  await writeFileAtomic(join(job.dir, FILE), JSON.stringify(summarize(job)))
}

/**
 * The stored summary, when it is at least as new as the journal (nothing was appended since it
 * was written); null when it is missing, unreadable or older, and the journal must be replayed.
 */
export async function readFreshSummary(jobDir: string): Promise<JobSummary | null> {
  try {
    const [summary, journal] = await Promise.all([
      stat(join(jobDir, FILE)),
      stat(join(jobDir, 'journal.jsonl'))
    ])
    if (summary.mtimeMs < journal.mtimeMs) return null
    const stored = JSON.parse(await readFile(join(jobDir, FILE), 'utf8')) as JobSummary
    // Written by a version that did not name the model or count verdicts: replayed once.
    const current = typeof stored.model === 'string' && typeof stored.counts?.approved === 'number'
    return current ? stored : null
  } catch {
    return null
  }
}
