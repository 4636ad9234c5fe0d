import { settingsOnEndingModels, type ModelOffer } from '@shared/models/model-offers'
import type { Settings } from '@shared/settings/schema'
import type { JobService } from '../../core'

/**
 * What the window offers to switch at start: what Settings name (default model, keys' models,
 * price overrides, Azure deployments) and the unfinished jobs asking a model that is switched off
 * or shuts down within the warning window. Nothing here switches anything.
 */
export async function modelOffers(service: JobService, settings: Settings): Promise<ModelOffer[]> {
  const fromSettings = settingsOnEndingModels(settings, service.today())
  const jobs = await service.jobsOnDyingModels().catch(() => [])
  const fromJobs = jobs.map(({ id, name, model, life, left }): ModelOffer => ({
    where: 'job',
    id,
    name,
    model,
    life,
    left
  }))
  return [...fromSettings, ...fromJobs]
}
