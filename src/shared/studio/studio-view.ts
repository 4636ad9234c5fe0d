import { z } from 'zod'
import { IMAGE_QUALITIES } from '../models/image-models'

/** What the person chose for the studio: a recipe and what they changed of its model ask. */
export const studioOptionsSchema = z
  .object({
    recipeId: z.string().min(1).max(60),
    model: z.string().trim().min(1).max(100).optional(),
    quality: z.enum(IMAGE_QUALITIES).optional(),
    size: z
      .string()
      .regex(/^(auto|\d{2,5}x\d{2,5})$/)
      .optional(),
    /** The scene or instruction in place of the recipe's (a lifestyle scene, say). */
    prompt: z.string().trim().min(1).max(4000).optional(),
    /** "Finish within": the time the person gives the run, in minutes. */
    finishWithin: z.number().positive().max(100_000).optional(),
    budgetUsd: z.number().positive().max(1_000_000).optional(),
    /** Through the Batch API: half the price, within 24 hours. */
    batch: z.boolean().optional()
  })
  .strict()
export type StudioOptions = z.infer<typeof studioOptionsSchema>

export const studioItemStatusSchema = z.enum([
  /** Not started. */
  'queued',
  /** Being read, sent, or written. */
  'working',
  'made',
  /** Made by an earlier run (same photo bytes, same recipe): nothing was sent. */
  'cached',
  /** Sent, and the answer lost: it may have been billed, so it is not sent again by itself. */
  'possiblyBilled',
  'failed',
  /** Not sent: the run stopped first (a person, the budget, the key, the model). */
  'waiting',
  /** In a batch at the Batch API, waiting for its image. */
  'batched'
])
export type StudioItemStatus = z.infer<typeof studioItemStatusSchema>

/** One photo of the open queue in the studio. */
export const studioItemSchema = z.object({
  rowId: z.string(),
  name: z.string(),
  status: studioItemStatusSchema,
  /** The server's or the file's own words, for failed, waiting and possibly billed photos. */
  reason: z.string().optional(),
  /** The output's name below the output folder, once made. */
  output: z.string().optional(),
  /** What the image was made with: model, quality and size. */
  madeWith: z.string().optional(),
  approved: z.boolean().optional()
})
export type StudioItem = z.infer<typeof studioItemSchema>

/** A way to make the images, with its cost and time at the keys' limits. */
export const studioPlanSchema = z.object({
  quality: z.enum(IMAGE_QUALITIES),
  size: z.string(),
  costUsd: z.number(),
  minutes: z.number()
})

export const studioEstimateSchema = z.object({
  images: z.number().int(),
  /** The plan as chosen; null for a recipe of free local steps. */
  plan: studioPlanSchema.nullable(),
  /** Images per minute of every key together. */
  ipm: z.number(),
  /** Whether the plan holds the budget and time given. */
  fits: z.boolean(),
  /** When it does not: lower qualities and sizes that do (offered, never applied by themselves). */
  cheaper: z.array(studioPlanSchema),
  /** The model is shut down: its date and the model to use instead. */
  gone: z.object({ shutdownDate: z.string(), replacement: z.string().optional() }).optional(),
  /** The plan is the Batch API's: its cost is half, its time "within 24 h". */
  batch: z.boolean().optional()
})
export type StudioEstimate = z.infer<typeof studioEstimateSchema>

/** A key's lane as the rate panel shows it. */
export const studioLaneSchema = z.object({
  label: z.string(),
  ipm: z.number(),
  /** Images this key made in the last minute. */
  lastMinute: z.number().int(),
  coolingMs: z.number(),
  closed: z.boolean()
})

export const studioRecipeChoiceSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The recipe sends photos to an image model (it costs money); else free local steps. */
  model: z.string().optional(),
  quality: z.enum(IMAGE_QUALITIES).optional(),
  size: z.string().optional(),
  prompt: z.string().optional(),
  /** Made from the words alone (no photo is sent). */
  generate: z.boolean().optional()
})

/** The studio of the open queue: choices, estimate, the run and every photo's image. */
export const studioViewSchema = z.object({
  viewId: z.string(),
  options: studioOptionsSchema,
  recipes: z.array(studioRecipeChoiceSchema),
  outDir: z.string().nullable(),
  estimate: studioEstimateSchema.nullable(),
  status: z.enum(['idle', 'running', 'stopping', 'ended']),
  /** Why the last run stopped before every photo had its image. */
  stopReason: z.string().optional(),
  /** The photos the studio has worked on, by row (the queue's other rows are still queued). */
  items: z.array(studioItemSchema),
  lanes: z.array(studioLaneSchema),
  spentUsd: z.number(),
  elapsedMs: z.number(),
  /** The batches at the Batch API this queue's studio waits for. */
  batches: z
    .array(
      z.object({
        id: z.string(),
        status: z.string(),
        completed: z.number().int(),
        total: z.number().int()
      })
    )
    .optional()
})
export type StudioView = z.infer<typeof studioViewSchema>
