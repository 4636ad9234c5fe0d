import { randomBytes } from 'node:crypto'
import { mkdir, readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { parseJobFile } from './job-file'
import { writeFileAtomic } from '../files/atomic-file'
import { eachJournalEvent } from './journal'
import { eventFromJournal } from './photo-root'
import { applyEvent, emptyJobState } from './job-state'
import type { JobSettings, StoredJob } from './stored-job'
import { readFreshSummary, summarize, type JobSummary } from './job-summary'
import { dataLayout } from '../paths'

export type { JobSettings, StoredJob } from './stored-job'

export const jobsDir = (dataDir: string): string => dataLayout(dataDir).jobs

function newJobId(now: Date): string {
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)
  return `${stamp}-${randomBytes(2).toString('hex')}`
}

/** Creates `<data>/jobs/<id>/` with `job.json` written atomically. */
export async function createJob(dataDir: string, settings: JobSettings): Promise<StoredJob> {
  const id = newJobId(new Date(settings.createdAt))
  const dir = dataLayout(dataDir).job(id)
  await mkdir(dir, { recursive: true })
  await writeFileAtomic(
    join(dir, 'job.json'),
    JSON.stringify({ version: 1, id, settings }, null, 2)
  )
  return {
    id,
    dir,
    journalPath: join(dir, 'journal.jsonl'),
    settings,
    state: emptyJobState(),
    tornTail: false
  }
}

/** Rewrites a job's settings (atomically), e.g. when it is moved to another endpoint. */
export async function saveJobSettings(job: StoredJob, settings: JobSettings): Promise<void> {
  await writeFileAtomic(
    join(job.dir, 'job.json'),
    JSON.stringify({ version: 1, id: job.id, settings }, null, 2)
  )
  job.settings = settings
}

/** Loads a job and replays its journal. */
export async function loadJob(dataDir: string, id: string): Promise<StoredJob> {
  const dir = dataLayout(dataDir).job(id)
  let raw: string
  try {
    raw = await readFile(join(dir, 'job.json'), 'utf8')
  } catch {
    throw new Error(`There is no job "${id}" in ${jobsDir(dataDir)}.`)
  }
  const settings = parseJobFile(raw, id)
  const journalPath = join(dir, 'journal.jsonl')
  // Folded as it is read: a large job's journal is never held whole, as text or as events.
  const state = emptyJobState()
  const root = settings.photoRoot
  const { tornTail } = await eachJournalEvent(journalPath, (event) =>
    applyEvent(state, eventFromJournal(event, root))
  )
  return { id, dir, journalPath, settings, state, tornTail }
}

/**
 * Every job, newest first, with its counts: from a job already in memory (`loaded`: one that
 * runs appends to its journal all the time), else from its summary, or replayed when that is stale.
 */
export async function listJobs(
  dataDir: string,
  loaded: (id: string) => StoredJob | undefined = () => undefined
): Promise<JobSummary[]> {
  const ids = await readdir(jobsDir(dataDir)).catch(() => [] as string[])
  const jobs: JobSummary[] = []
  for (const id of ids.sort().reverse()) {
    const inMemory = loaded(id)
    const summary = inMemory
      ? summarize(inMemory)
      : ((await readFreshSummary(dataLayout(dataDir).job(id))) ??
        (await loadJob(dataDir, id).then(summarize, () => null)))
    if (summary) jobs.push(summary)
  }
  return jobs
}
