import { z } from 'zod'
import { defineRoutes } from '../route'

/** Export through a save dialog in main; null when the dialog was cancelled. */
export const exportRoutes = defineRoutes('export', {
  save: {
    input: z
      .object({
        format: z.enum(['xlsx', 'csv', 'json']),
        thumbnails: z.boolean().default(false),
        /** Only the answers approved in the review desk. */
        approvedOnly: z.boolean().default(false)
      })
      .strict(),
    output: z.object({ path: z.string(), rows: z.number().int() }).nullable()
  }
})
