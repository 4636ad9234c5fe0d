import { z } from 'zod'
import { DEFAULT_MODEL } from '../models/catalog'
import { brandSchema } from './brand'
import { GROUP_BY } from './export-choice'
import { englishProblem } from '../i18n/problems'
import { issueProblem, problem, type Problem } from '../problem'

/** What a person chooses for a job, with the defaults a new job starts from. */
export const jobOptionsSchema = z
  .object({
    templateId: z.string().min(1).max(100).default('seo-meta'),
    language: z.string().trim().min(1).max(40).default('English'),
    /** Languages answered besides `language`, in the same request (a field per language). */
    moreLanguages: z.array(z.string().trim().min(1).max(40)).max(5).optional(),
    model: z.string().trim().min(1).max(100).default(DEFAULT_MODEL),
    detail: z
      .enum(['low', 'high', 'auto'], {
        error: (issue) => problem('detailChoice', JSON.stringify(issue.input))
      })
      .default('low'),
    rpm: z.number().int().positive().optional(),
    tpm: z.number().int().positive().optional(),
    maxConcurrency: z.number().int().min(1).max(2000).default(500),
    budgetUsd: z.number().nonnegative().optional(),
    prices: z
      .object({
        input: z.number().nonnegative().optional(),
        output: z.number().nonnegative().optional()
      })
      .strict()
      .optional(),
    imageAdmission: z.union([z.literal('formula'), z.number().int().nonnegative()]).default(800),
    jpegQuality: z.number().int().min(40).max(100).default(85),
    /** What transparent pixels become (JPEG has no alpha). */
    background: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, problem('colour'))
      .default('#ffffff'),
    structuredMode: z.enum(['json_schema', 'json_object']).default('json_schema'),
    /**
     * Live requests; Flex (live at Batch prices, slower, sometimes without capacity: OpenAI only);
     * or the Batch API (half the price, results within 24 h).
     */
    mode: z.enum(['live', 'flex', 'batch']).default('live'),
    /** Flex without capacity: send that photo at the standard price instead of waiting. */
    flexFallback: z.boolean().default(false),
    /** Requests per Batch input file (smaller files finish sooner); at most the API's 50,000. */
    batchLines: z.number().int().min(1).max(50_000).optional(),
    /** The brand's voice and words (a new queue takes Settings' defaults). */
    brand: brandSchema.optional(),
    skuPattern: z
      .string()
      .max(200)
      .superRefine((pattern, ctx) => {
        const problem = skuPatternProblem(pattern)
        if (problem) ctx.addIssue({ code: 'custom', message: problem })
      })
      .optional(),
    /**
     * Photos grouped into products, each product one request and one listing: by SKU, by folder,
     * or none (every photo its own request; also when absent).
     */
    groupBy: z.enum(GROUP_BY).optional(),
    /** This machine's slice of the photos (1-based `index` of `count`), for several machines. */
    shard: z
      .object({ index: z.number().int().min(1), count: z.number().int().min(1).max(10_000) })
      .strict()
      .refine((shard) => shard.index <= shard.count, problem('shardIndex'))
      .optional()
  })
  .strict()

/**
 * A change to some options: each field optional and with no default, so a change names only what
 * it changes (zod's `.partial()` keeps inner defaults, which would reset every other option).
 */
export const jobOptionsChangeSchema = z
  .object(
    Object.fromEntries(
      Object.entries(jobOptionsSchema.shape).map(([key, field]) => [
        key,
        (field instanceof z.ZodDefault ? field.unwrap() : field).optional()
      ])
    ) as unknown as {
      [K in keyof JobOptions]-?: z.ZodOptional<z.ZodType<Exclude<JobOptions[K], undefined>>>
    }
  )
  .strict()

/** Job options as chosen (defaults filled in). */
export type JobOptions = z.infer<typeof jobOptionsSchema>

/** The options, or the first problem with the field it is about. */
export type ParsedJobOptions =
  | { ok: true; options: JobOptions }
  | { ok: false; field: string; problem: Problem; message: string }

/** Parses options from any source (CLI flags, the window over IPC, a saved default), naming the field at fault. */
export function parseJobOptions(input: unknown): ParsedJobOptions {
  const parsed = jobOptionsSchema.safeParse(input)
  if (parsed.success) return { ok: true, options: parsed.data }
  const found = issueProblem(parsed.error.issues)
  return {
    ok: false,
    field: found.field ?? '(options)',
    problem: found,
    message: englishProblem(found)
  }
}

function skuPatternProblem(pattern: string): string | null {
  if (!/\((?!\?)/.test(pattern)) return problem('skuGroup')
  try {
    new RegExp(pattern)
    return null
  } catch (error) {
    return problem('regexInvalid', error instanceof Error ? error.message : String(error))
  }
}
