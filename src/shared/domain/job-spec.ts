import { z } from 'zod'
import { jobOptionsSchema } from './job-options'

const count = z.number().int().positive()
const usd = z.number().nonnegative()

/** A template as snapshotted into a job (any version's): what a resume asks with. */
const templateSnapshotSchema = z.object({
  id: z.string(),
  name: z.string(),
  instructions: z.string(),
  fields: z.array(
    z.object({
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
  ),
  maxCompletionTokens: count
})

/** Where a job's requests go; a resume goes to the same place. */
export const endpointRefSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('openai') }),
  z.object({ kind: z.literal('compatible'), baseURL: z.string().min(1) }),
  /** The built-in simulator: its answers are invented and never cached. */
  z.object({ kind: z.literal('demo') })
])

/**
 * A job, as one schema with its defaults. Its first part is what a person chooses
 * (`jobOptionsSchema`: the window's options, the CLI's flags and `queue:set-options` are parsed
 * by it); the rest is what the job is made of once created: its photos, the template
 * snapshotted, the limits resolved, the endpoint it runs on, its prices. `job.json` is parsed by
 * it on load (never cast), so a job written by an older version gets today's defaults and a
 * damaged one is refused with the field named.
 */
export const jobSpecSchema = z.object({
  ...jobOptionsSchema.shape,
  name: z.string(),
  inputs: z.array(z.string()),
  /**
   * The folder the journal's photo paths are relative to (the inputs' deepest common folder).
   * A job picked up on another machine gives its own (`--photo-root`). None: absolute paths
   * (jobs written before it, or inputs on two drives).
   */
  photoRoot: z.string().optional(),
  /** The template itself, snapshotted, so a resume asks exactly the same (custom ones too). */
  template: templateSnapshotSchema.optional(),
  rpm: count,
  tpm: count,
  /** The user's prices for the job's model (USD per 1M tokens), over the catalog's. */
  prices: z
    .object({
      input: usd.optional(),
      output: usd.optional(),
      cachedInput: usd.optional(),
      batchInput: usd.optional(),
      batchOutput: usd.optional()
    })
    .optional(),
  endpoint: endpointRefSchema.optional(),
  /** Jobs written before `endpoint` existed kept only this; read as `endpoint` on load. */
  baseURL: z.string().optional(),
  /**
   * How the job's cost is known: the catalog's prices, the user's, free (a local server), or not
   * at all (an endpoint without published prices): then nothing is priced and no budget kept.
   */
  pricing: z.enum(['catalog', 'override', 'free', 'unknown']).optional(),
  /** Per-photo product facts (brand, keywords, …) from a product sheet, by file name or SKU. */
  productContext: z.record(z.string(), z.record(z.string(), z.string())).optional(),
  /** A sample run of a few photos before the whole queue. */
  purpose: z.literal('sample').optional(),
  createdAt: z.string()
})

/** A job's spec as parsed: every default filled in, the endpoint known. */
export type JobSpec = Omit<z.output<typeof jobSpecSchema>, 'endpoint'> & {
  endpoint: z.output<typeof endpointRefSchema>
}

/** A job's spec as written (defaults may be left out). */
export type JobSpecInput = z.input<typeof jobSpecSchema>
