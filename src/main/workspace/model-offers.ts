import { settingsOnEndingModels, type ModelOffer } from '@shared/models/model-offers'
import type { Settings } from '@shared/settings/schema'
import { jobsOnDyingModels, type JobSummary } from '../../core'

/**
 * What the window offers to switch at start: what Settings name (default model, keys' models,
 * price overrides, Azure deployments) and the unfinished jobs asking a model that is switched off
 * or shuts down within the warning window (from the jobs list already read). Nothing here
 * switches anything.
 */
export function modelOffers(
  summaries: readonly JobSummary[],
  settings: Settings,
  today: string
): ModelOffer[] {
  const fromSettings = settingsOnEndingModels(settings, today)
  const fromJobs = jobsOnDyingModels(summaries, today).map(
    ({ id, name, model, life, left }): ModelOffer => ({
      where: 'job',
      id,
      name,
      model,
      life,
      left
    })
  )
  return [...fromSettings, ...fromJobs]
}
