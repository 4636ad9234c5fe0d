import { findModel } from '@shared/models/catalog'
import { SimError } from './errors'
import type { SimulatorOptions } from './options'

/** Whether the simulated API still serves `id` today: known, not withdrawn, not past its date. */
export function served(options: SimulatorOptions, id: string): boolean {
  const model = findModel(id)
  if (!model || options.withdrawn.includes(id)) return false
  return !model.shutdownDate || options.today() < model.shutdownDate
}

/** OpenAI's answer for a model that does not exist, or no longer does. */
export function modelNotFound(id: string): SimError {
  return new SimError(
    404,
    'invalid_request_error',
    'model_not_found',
    `The model \`${id}\` does not exist or you do not have access to it.`,
    'model'
  )
}

/** Refuses a chat request (live or a batch line) for a model the API no longer serves. */
export function checkServed(options: SimulatorOptions, id: string): void {
  if (findModel(id) && !served(options, id)) throw modelNotFound(id)
}
