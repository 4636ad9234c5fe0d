import { z } from 'zod'
import type { Settings } from '../settings/schema'
import { modelLife } from './lifecycle'

/** A model switched off or shutting down soon, as the window shows it. */
export const endingLifeSchema = z.object({
  kind: z.enum(['dying', 'gone']),
  shutdownDate: z.string(),
  daysLeft: z.number().int().optional(),
  replacement: z.string().optional()
})

/**
 * One saved thing naming a model that is gone or shuts down soon, offered for a switch at start:
 * Settings' default model, a key's models, a price override, an Azure deployment, or an
 * unfinished job (`id`, `name`, `left` photos).
 */
export const modelOfferSchema = z.object({
  where: z.enum(['default', 'key', 'price', 'azure', 'job']),
  model: z.string(),
  life: endingLifeSchema,
  /** The key's label or the job's name. */
  name: z.string().optional(),
  /** The job's id. */
  id: z.string().optional(),
  /** Photos the job has not answered yet. */
  left: z.number().int().optional()
})
export type ModelOffer = z.infer<typeof modelOfferSchema>
type EndingLife = z.infer<typeof endingLifeSchema>

/** Where `model` stands on `today` by the catalog, when it is gone or shuts down soon. */
export function endingLife(model: string, today: string): EndingLife | null {
  const life = modelLife(model, today)
  return life.kind === 'dying' || life.kind === 'gone' ? life : null
}

/**
 * What in Settings names a model that is gone or shuts down soon, on `today` (by the catalog):
 * the default model, each key's models (and models it has limits for), each price override and, with Azure chosen, each
 * deployment. One entry per place, so the window can say where to change it.
 */
export function settingsOnEndingModels(
  settings: Pick<Settings, 'defaults' | 'keys' | 'prices' | 'provider'>,
  today: string
): ModelOffer[] {
  const offers: ModelOffer[] = []
  const offer = (where: ModelOffer['where'], model: string, name?: string): void => {
    const life = endingLife(model, today)
    if (life) offers.push({ where, model, life, ...(name === undefined ? {} : { name }) })
  }
  offer('default', settings.defaults.model)
  for (const key of settings.keys) {
    // A key's models and the limits saved for a model on it: each model named once per key.
    const named = new Set([...key.models, ...Object.keys(key.limits)])
    for (const model of named) offer('key', model, key.label)
  }
  for (const model of Object.keys(settings.prices)) offer('price', model)
  if (settings.provider.preset === 'azure')
    for (const model of Object.keys(settings.provider.azure.deployments)) offer('azure', model)
  return offers
}
