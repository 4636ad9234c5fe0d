import { z } from 'zod'
import { brandSchema } from '../domain/brand'
import { problem } from '../settings/schema'

/** A template's id: also its file name, so nothing that could leave the templates folder. */
export const TEMPLATE_ID = /^[a-z0-9][a-z0-9-]{0,47}$/

const fieldName = z.string().regex(/^[a-z][a-z0-9_]{0,39}$/, problem('fieldName'))
const words = z.array(z.string().trim().min(1, problem('required')).max(60, problem('tooLong', 60)))

const rules = z
  .object({
    minLength: z.number().int(problem('wholeNumber')).min(1, problem('atLeast', 1)).optional(),
    maxLength: z
      .number()
      .int(problem('wholeNumber'))
      .min(1, problem('atLeast', 1))
      .max(5000, problem('atMost', 5000))
      .optional(),
    count: z
      .number()
      .int(problem('wholeNumber'))
      .min(1, problem('atLeast', 1))
      .max(100, problem('atMost', 100))
      .optional(),
    requiredWords: words.optional(),
    bannedWords: words.optional()
  })
  .strict()
  .refine((r) => !r.minLength || !r.maxLength || r.minLength <= r.maxLength, {
    message: problem('minAboveMax'),
    path: ['minLength']
  })

export const fieldSpecSchema = z
  .object({
    name: fieldName,
    label: z.string().trim().min(1, problem('required')).max(60, problem('tooLong', 60)),
    type: z.enum(['string', 'string[]']),
    description: z.string().max(500, problem('tooLong', 500)).default(''),
    rules: rules.optional()
  })
  .strict()

/** A user template as saved, exchanged (JSON) and edited; every field validated, by code. */
export const templateSchema = z
  .object({
    id: z.string().regex(TEMPLATE_ID, problem('templateId')),
    name: z.string().trim().min(1, problem('required')).max(80, problem('tooLong', 80)),
    instructions: z.string().trim().min(1, problem('required')).max(8000, problem('tooLong', 8000)),
    fields: z
      .array(fieldSpecSchema)
      .min(1, problem('atLeastOneField'))
      .max(30, problem('atMost', 30))
      .refine((fields) => new Set(fields.map((f) => f.name)).size === fields.length, {
        message: problem('fieldNamesUnique')
      }),
    maxCompletionTokens: z
      .number({ error: problem('notNumber') })
      .int(problem('wholeNumber'))
      .min(16, problem('atLeast', 16))
      .max(16_000, problem('atMost', 16_000)),
    /** The template's own brand voice: used instead of Settings' default where it says anything. */
    brand: brandSchema.optional(),
    /** Photos of one product sent in one request (a listing from all of them); default 6. */
    photosPerRequest: z
      .number({ error: problem('notNumber') })
      .int(problem('wholeNumber'))
      .min(1, problem('atLeast', 1))
      .max(16, problem('atMost', 16))
      .optional()
  })
  .strict()

export type TemplateInput = z.input<typeof templateSchema>

/**
 * The `{variables}` a template may use: each photo's file name, folder and SKU, the job's
 * language, and the product sheet's columns (brand, keywords, any other as `context`).
 */
export const TEMPLATE_VARIABLES = [
  'language',
  'filename',
  'folder',
  'sku',
  'brand',
  'keywords',
  'brand_note',
  'keywords_note',
  'context'
] as const

/** Variables written in instructions that no photo will fill (typos): shown in the editor. */
export function unknownVariables(instructions: string): string[] {
  const used = [...instructions.matchAll(/\{([a-zA-Z_][\w-]*)\}/g)].map((m) => m[1])
  return [...new Set(used)].filter(
    (name) => !(TEMPLATE_VARIABLES as readonly string[]).includes(name)
  )
}

/** What one request of a template would be for one photo of the queue, before anything is sent. */
export const templatePreviewSchema = z.object({
  /** The photo it was built for (its file name), or null when the queue is empty. */
  photo: z.string().nullable(),
  /** The request body as JSON, the image's data URL shortened. */
  body: z.string(),
  promptTokens: z.number().int(),
  imageTokens: z.number().int(),
  outputTokens: z.number().int(),
  costUsd: z.number().nullable(),
  /** Why no photo could be used (unreadable), when one was asked for. */
  photoProblem: z.string().nullable()
})
export type TemplatePreview = z.infer<typeof templatePreviewSchema>
