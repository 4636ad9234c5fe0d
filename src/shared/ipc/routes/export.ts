import { z } from 'zod'
import { defineRoutes } from '../route'
import { SHOP_FORMATS, shopChoiceSchema } from '../../domain/export-choice'

const TABLES = ['xlsx', 'csv', 'json'] as const

/** What a shop file's person should know: photos without URLs, merged handles, text too long. */
const shopNotes = z.object({
  files: z.array(z.string()),
  photos: z.number().int(),
  withoutUrl: z.number().int(),
  collisions: z.number().int(),
  tooLong: z.array(
    z.object({ sku: z.string(), column: z.string(), length: z.number(), limit: z.number() })
  )
})

/** Export through a save dialog in main; null when the dialog was cancelled. */
export const exportRoutes = defineRoutes('export', {
  save: {
    input: z
      .object({
        format: z.enum([...TABLES, ...SHOP_FORMATS, 'photos']),
        /** A shop file's choices (kept in Settings for the next export). */
        shop: shopChoiceSchema.optional(),
        thumbnails: z.boolean().default(false),
        /** Only the answers approved in the review desk. */
        approvedOnly: z.boolean().default(false)
      })
      .strict(),
    output: z
      .object({
        path: z.string(),
        rows: z.number().int(),
        shop: shopNotes.optional(),
        /** Photo copies left out (their image data could not be checked or kept). */
        skipped: z.number().int().optional()
      })
      .nullable()
  }
})
