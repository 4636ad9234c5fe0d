import { jobOptionsSchema, type JobOptions } from '@shared/domain/job-options'
import { resolveLimits } from '../estimate/catalog-overrides'
import type { JobSettings } from '../jobs/job-store'
import type { EndpointRef } from '../openai/endpoint'
import type { Template } from '../templates/template'
import { withBrand } from '../templates/brand'
import { withLanguages } from '../templates/languages'

/** What a job is made of besides the options a person chose. */
export interface JobInputs {
  name?: string
  inputs: string[]
  template: Template
  endpoint: EndpointRef
  productContext?: JobSettings['productContext']
}

/** A new job's settings from chosen options: the template snapshotted, limits filled in. */
export function jobSettingsFrom(options: JobOptions, parts: JobInputs): JobSettings {
  const limits = resolveLimits(options.model, { rpm: options.rpm, tpm: options.tpm })
  return {
    name: parts.name ?? jobName(parts.inputs),
    inputs: parts.inputs,
    ...options,
    templateId: parts.template.id,
    template: withBrand(
      withLanguages(parts.template, [options.language, ...(options.moreLanguages ?? [])]),
      options.brand
    ),
    productContext: parts.productContext,
    rpm: limits.rpm,
    tpm: limits.tpm,
    endpoint: parts.endpoint,
    createdAt: new Date().toISOString()
  }
}

/**
 * The options a job was made with, read back from its settings through the same schema the
 * window and the CLI use (never copied field by field, so a new option cannot be dropped): what
 * the window shows for an open job. Settings from older versions get the schema's defaults.
 */
export function jobOptionsOf(settings: JobSettings): JobOptions {
  const keys = Object.keys(jobOptionsSchema.shape) as (keyof JobOptions)[]
  const chosen = Object.fromEntries(
    keys.filter((key) => settings[key] !== undefined).map((key) => [key, settings[key]])
  )
  const prices = settings.prices && { input: settings.prices.input, output: settings.prices.output }
  const parsed = jobOptionsSchema.safeParse({ ...chosen, prices: prices || undefined })
  return parsed.success ? parsed.data : jobOptionsSchema.parse({ model: settings.model })
}

/** A job's name from what was chosen: the folders' or files' own names. */
export function jobName(inputs: readonly string[]): string {
  const parts = inputs.map((input) => input.split(/[\\/]/).filter(Boolean))
  const names = parts.map((p, i) => p.at(-1) ?? inputs[i])
  if (names.length <= 3) return names.join(', ')
  const folders = new Set(parts.map((p) => p.slice(0, -1).join('/')))
  // Many files from one folder (a drop of its photos): the folder's name says it best.
  if (folders.size === 1) return `${parts[0].at(-2) ?? 'Photos'} (${names.length} photos)`
  return `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`
}
