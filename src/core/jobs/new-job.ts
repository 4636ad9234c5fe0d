import { ingest, type Listing } from '../ingest/ingest'
import { Journal } from './journal'
import type { JournalEvent } from './journal-events'
import { foldJournal } from './job-state'
import { createJob, type JobSettings, type StoredJob } from './job-store'
import { writeSummary } from './job-summary'
import { shardOf } from './shard'
import { eventToJournal, photoRootOf } from './photo-root'

/**
 * Starts a job from its inputs (or their listing, when the window already walked them): lists and hashes the photos (duplicates become one item with every
 * path), writes `job.json`, and journals every item, so the job can be resumed from here on.
 */
export async function newJob(
  dataDir: string,
  settings: JobSettings,
  onFound: (files: number) => void = () => {},
  listed?: Listing,
  /** Throws to refuse the photos found (their paths), before anything is written. */
  refuseFound: (paths: string[]) => void = () => {}
): Promise<StoredJob> {
  const found = shardOf(await ingest(settings.inputs, onFound, undefined, listed), settings)
  refuseFound(found.photos.map((photo) => photo.paths[0]))
  const photoRoot = settings.photoRoot ?? photoRootOf(settings.inputs)
  const job = await createJob(dataDir, { ...settings, ...(photoRoot ? { photoRoot } : {}) })
  const events: JournalEvent[] = [
    ...found.photos.map((photo, i): JournalEvent => ({
      e: 'added',
      id: `p${i + 1}`,
      sha256: photo.sha256,
      bytes: photo.bytes,
      paths: photo.paths,
      ...(photo.size ? { size: photo.size } : {})
    })),
    ...found.rejected.map((file, i): JournalEvent => ({
      e: 'rejected',
      id: `r${i + 1}`,
      path: file.path,
      reason: file.reason
    }))
  ]
  const journal = await Journal.open(job.journalPath)
  // Photos go into the journal relative to the root: the job folder can move to another machine.
  await journal.append(...events.map((event) => eventToJournal(event, photoRoot)))
  await journal.close()
  const created = { ...job, state: foldJournal(events) }
  await writeSummary(created)
  return created
}
