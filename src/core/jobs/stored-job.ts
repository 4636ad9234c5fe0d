import type { JobSpec } from '@shared/domain/job-spec'
import type { JobState } from './job-state'

/**
 * The settings a job was started with; resuming uses exactly these. Never holds an API key. They
 * are the shared `JobSpec` (one zod schema with its defaults, `@shared/domain/job-spec`).
 */
export type JobSettings = JobSpec

/** A job on disk: its folder, settings and replayed state. */
export interface StoredJob {
  id: string
  dir: string
  journalPath: string
  settings: JobSettings
  state: JobState
  tornTail: boolean
}
