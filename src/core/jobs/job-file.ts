import { englishProblem } from '@shared/i18n/problems'
import { z } from 'zod'
import { endpointFor } from '../openai/endpoint'
import { jobSpecSchema } from '@shared/domain/job-spec'
import type { JobSettings } from './stored-job'

/** Reads a job's settings out of its `job.json` text; throws naming the job and the field. */
export function parseJobFile(text: string, id: string): JobSettings {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new Error(`The job "${id}" has a damaged job.json (not JSON).`)
  }
  const parsed = z.object({ settings: jobSpecSchema }).safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue.path.slice(1).join('.') || 'settings'
    throw new Error(
      `The job "${id}" has a damaged job.json: ${field}: ${englishProblem(issue.message)}`
    )
  }
  const { settings } = parsed.data
  // Product rows are taken as JSON.parse made them (zod's record would drop a row keyed
  // "__proto__"), checked above, into prototype-free dictionaries: such a row is just a row.
  const rows = (raw as { settings: Pick<JobSettings, 'productContext'> }).settings.productContext
  const context = rows && nullPrototype(rows)
  return {
    ...settings,
    productContext: context,
    endpoint: settings.endpoint ?? endpointFor(settings.baseURL)
  }
}

function nullPrototype(
  sheet: Record<string, Record<string, string>>
): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = Object.create(null)
  for (const [key, facts] of Object.entries(sheet))
    out[key] = Object.assign(Object.create(null) as Record<string, string>, facts)
  return out
}
