import type { Problem } from '@shared/problem'
import { findModel } from '@shared/models/catalog'
import { modelLife, type ModelLife } from '@shared/models/lifecycle'
import { openParts } from '../jobs/batch-state'
import { lockJob } from '../jobs/job-lock'
import { saveJobSettings, type JobSettings, type StoredJob } from '../jobs/job-store'
import { writeSummary, type JobSummary } from '../jobs/job-summary'

/** An unfinished job asking a model that is switched off or shuts down soon. */
export interface JobOnDyingModel {
  id: string
  name: string
  model: string
  life: Extract<ModelLife, { kind: 'dying' | 'gone' }>
  /** Photos not answered yet: what a switch would ask with the new model. */
  left: number
}

/** The unfinished jobs among `jobs` whose model is gone or dying on `today` (by the catalog). */
export function jobsOnDyingModels(jobs: readonly JobSummary[], today: string): JobOnDyingModel[] {
  const found: JobOnDyingModel[] = []
  for (const job of jobs) {
    if (job.finished || job.sample) continue
    const left = job.counts.pending + job.counts.failed
    const life = modelLife(job.model, today)
    if (left > 0 && (life.kind === 'dying' || life.kind === 'gone'))
      found.push({ id: job.id, name: job.name, model: job.model, life, left })
  }
  return found
}

/** Why a job may not move to `to` now, or null. */
export function switchProblem(
  job: StoredJob,
  to: string,
  today: string
): (Problem & { field: string }) | null {
  const field = 'model'
  if (job.settings.model === to) return { code: 'alreadyOnModel', field, params: { n: to } }
  if (job.settings.endpoint.kind === 'openai' && !findModel(to))
    return { code: 'unknownModel', field, params: { n: to } }
  if (modelLife(to, today).kind === 'gone')
    return { code: 'switchToGone', field, params: { n: to } }
  if (openParts(job.state.batch).length > 0)
    return { code: 'switchOpenBatches', field, params: { n: job.id } }
  return null
}

/**
 * Moves what is left of a job to another model, when the person asks (never on its own): the
 * answers already kept stay as they are and name the model they came from; the photos left are
 * asked with `to`, priced by `changes`. The job is locked meanwhile, so a run elsewhere refuses it.
 */
export async function switchJobModel(
  job: StoredJob,
  to: string,
  changes: Pick<JobSettings, 'pricing' | 'prices'>
): Promise<{ from: string; to: string }> {
  const from = job.settings.model
  const lock = await lockJob(job.dir)
  try {
    await saveJobSettings(job, { ...job.settings, ...changes, model: to })
    await writeSummary(job)
  } finally {
    await lock.release()
  }
  return { from, to }
}
