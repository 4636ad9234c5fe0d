import { SHEET_ENCODINGS } from './sheet-encoding'
import { problemSchema } from './problem-schema'
import { z } from 'zod'

/**
 * What a row of the queue shows. Codes, not sentences: the window words them (UI.md's status
 * words); `reason` and `review` carry the file's, the server's or the template rule's own words.
 */
export const rowStatusSchema = z.enum([
  'listed',
  'waiting',
  'preparing',
  'capacity',
  'writing',
  'retrying',
  'done',
  'review',
  /** Judged by a person in the review desk. */
  'approved',
  'rejected',
  'failed',
  /** In a batch at the Batch API, waiting for its results. */
  'batched'
])
export type RowStatus = z.infer<typeof rowStatusSchema>

export const retryCauseSchema = z.enum(['rate_limit', 'network', 'timeout', 'server', 'flex'])

/** A rule or check an answer fails, as data the window words. */
const ruleSchema = z.object({
  code: z.string(),
  field: z.string().optional(),
  entry: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional()
})

export const queueRowSchema = z.object({
  id: z.string(),
  name: z.string(),
  folder: z.string(),
  status: rowStatusSchema,
  /** Every field of the answer as text (lists joined with ", "), in the template's order. */
  fields: z
    .array(
      z.object({
        name: z.string(),
        label: z.string(),
        value: z.string(),
        /** The template's length rule for the field, in characters (the review desk's counter). */
        min: z.number().int().optional(),
        max: z.number().int().optional(),
        /** The answer is longer than the row shows: the editor keeps it whole (read-only). */
        cut: z.literal(true).optional()
      })
    )
    .optional(),
  /** The rule a kept answer broke, e.g. "Too long (171 of 155 characters)". */
  review: z.string().optional(),
  /** The same rule as data: its code, the field's label and list entry, its numbers or word. */
  rule: ruleSchema.optional(),
  /** Checks the answer fails against the job: a title like another photo's, a missing keyword. */
  flags: z.array(ruleSchema).optional(),
  /** A failure's kind (image error code or API failure kind) and its own words. */
  code: z.string().optional(),
  reason: z.string().optional(),
  retryInMs: z.number().nonnegative().optional(),
  cause: retryCauseSchema.optional(),
  keyLabel: z.string().optional(),
  edited: z.boolean().optional(),
  /** Something to know before sending: `cutOff`, the file ends before its image does. */
  warning: z.enum(['cutOff']).optional(),
  costUsd: z.number().nonnegative().optional(),
  /** The batch a `batched` row is in: "in batch 2 of 5 · in progress". */
  batch: z.object({ n: z.number().int(), of: z.number().int(), status: z.string() }).optional()
})
export type QueueRow = z.infer<typeof queueRowSchema>

/** The estimate panel: photos, money now and with Batch, duration at the limits, and which binds. */
export const estimateViewSchema = z.object({
  photos: z.number().int().nonnegative(),
  /** Photos whose header was read so far; the rest are extrapolated from them. */
  measured: z.number().int().nonnegative(),
  unreadable: z.number().int().nonnegative(),
  /** Photos whose file looks cut off: sent as far as they can be read, after a warning. */
  cutOff: z.number().int().positive().optional(),
  costStandard: z.number().nullable(),
  costBatch: z.number().nullable(),
  /** Live at Flex prices; null where the model or the endpoint has no Flex. */
  costFlex: z.number().nullable(),
  /** Whether Flex can be chosen: the model takes it (`unknown`: maybe), or not, or not here. */
  flex: z.enum(['yes', 'unknown', 'no', 'notHere']),
  /** The share of prompt tokens expected from the prompt cache (0 when the prefix is short). */
  cachedShare: z.number().min(0).max(1),
  /**
   * Where the image tokens come from: the model's documented rule, or (no official table) the
   * catalog's assumption, being learned from answers, or learned (after 20 photos).
   */
  imageTokens: z.enum(['documented', 'assumed', 'learning', 'learned']),
  /** Answered photos the image figure was learned from. */
  learnedFrom: z.number().int().nonnegative(),
  durationMs: z.number().nonnegative(),
  binding: z.enum(['requests', 'tokens', 'concurrency']),
  rpm: z.number(),
  tpm: z.number(),
  /** How the limits were found: the user's, the catalog's tier, or a guess from the model family. */
  limitsSource: z.string(),
  /** Keys the job would use (their limits are summed above). */
  keys: z.number().int().nonnegative(),
  /** Where the prices come from; `unknown` leaves the costs null (the endpoint publishes none). */
  pricing: z.enum(['catalog', 'override', 'free', 'unknown']),
  /** The same job through the Batch API: files, queue rounds, what binds, the longest it may take. */
  batch: z.object({
    files: z.number().int().nonnegative(),
    rounds: z.number().int().nonnegative(),
    queueLimit: z.number().nullable(),
    binding: z.enum(['window', 'queue']),
    durationMs: z.number().nonnegative()
  }),
  /** Photos the attached product sheet has a row for. */
  sheet: z
    .object({
      name: z.string(),
      matched: z.number().int(),
      rows: z.number().int(),
      /** The first few photos the sheet has no row for, under the SKU pattern. */
      unmatched: z.array(z.string()).optional(),
      /** How many products the SKU pattern makes of the photos. */
      products: z.number().int().optional(),
      /** A CSV's encoding, and how it was decided (a person can choose another). */
      encoding: z.enum(SHEET_ENCODINGS).optional(),
      how: z.enum(['bom', 'utf-8', 'detected', 'chosen']).optional()
    })
    .optional(),
  /** Photos grouped into products (one request and one listing each): what the grouping makes. */
  grouping: z
    .object({
      by: z.enum(['sku', 'folder']),
      products: z.number().int().nonnegative(),
      requests: z.number().int().nonnegative(),
      /** Photos a request carries at most (a larger product is split). */
      perRequest: z.number().int().positive(),
      /** The largest products first, a few of them: their key and photo count. */
      largest: z.array(z.object({ key: z.string(), photos: z.number().int() }))
    })
    .optional(),
  /** The chosen model shuts down soon (`modelDying…`) or already has (`modelGone…`). */
  model: problemSchema.optional()
})
export type EstimateView = z.infer<typeof estimateViewSchema>
