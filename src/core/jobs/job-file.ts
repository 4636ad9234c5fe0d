import { z } from 'zod'
import { endpointFor } from '../openai/endpoint'
import type { JobSettings } from './stored-job'

const count = z.number().int().positive()
const usd = z.number().nonnegative()

const fieldSchema = z.object({
  name: z.string(),
  label: z.string(),
  type: z.enum(['string', 'string[]']),
  description: z.string(),
  rules: z
    .object({
      minLength: z.number().optional(),
      maxLength: z.number().optional(),
      count: z.number().optional(),
      requiredWords: z.array(z.string()).optional(),
      bannedWords: z.array(z.string()).optional()
    })
    .optional()
})

const endpointSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('openai') }),
  z.object({ kind: z.literal('compatible'), baseURL: z.string().min(1) }),
  z.object({ kind: z.literal('demo') })
])

/**
 * `job.json`'s settings as written by any version of Photoscribe: parsed, never cast, so a
 * damaged or hand-edited file is refused with the field named instead of running on garbage.
 */
export const jobSettingsSchema = z.object({
  name: z.string(),
  inputs: z.array(z.string()),
  templateId: z.string().min(1),
  template: z
    .object({
      id: z.string(),
      name: z.string(),
      instructions: z.string(),
      fields: z.array(fieldSchema),
      maxCompletionTokens: count
    })
    .optional(),
  language: z.string().min(1),
  model: z.string().min(1),
  detail: z.enum(['low', 'high', 'auto']),
  rpm: count,
  tpm: count,
  maxConcurrency: count,
  budgetUsd: usd.optional(),
  prices: z
    .object({
      input: usd.optional(),
      output: usd.optional(),
      cachedInput: usd.optional(),
      batchInput: usd.optional(),
      batchOutput: usd.optional()
    })
    .optional(),
  endpoint: endpointSchema.optional(),
  baseURL: z.string().optional(),
  imageAdmission: z.union([z.literal('formula'), z.number().int().nonnegative()]),
  jpegQuality: z.number().int().min(1).max(100),
  background: z.string().optional(),
  pricing: z.enum(['catalog', 'override', 'free', 'unknown']).optional(),
  structuredMode: z.enum(['json_schema', 'json_object']).optional(),
  skuPattern: z.string().optional(),
  productContext: z.record(z.string(), z.record(z.string(), z.string())).optional(),
  mode: z.enum(['live', 'batch']).optional(),
  batchLines: count.optional(),
  purpose: z.literal('sample').optional(),
  createdAt: z.string()
})

/** Reads a job's settings out of its `job.json` text; throws naming the job and the field. */
export function parseJobFile(text: string, id: string): JobSettings {
  let raw: unknown
  try {
    raw = JSON.parse(text)
  } catch {
    throw new Error(`The job "${id}" has a damaged job.json (not JSON).`)
  }
  const parsed = z.object({ settings: jobSettingsSchema }).safeParse(raw)
  if (!parsed.success) {
    const issue = parsed.error.issues[0]
    const field = issue.path.slice(1).join('.') || 'settings'
    throw new Error(`The job "${id}" has a damaged job.json: ${field}: ${issue.message}`)
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
