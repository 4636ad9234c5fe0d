import { z } from 'zod'
import { templateSchema } from '../../templates/template-schema'
import { defineRoutes } from '../route'

const templateList = z.object({
  builtins: z.array(templateSchema),
  saved: z.array(templateSchema)
})

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

/** Templates: built-ins to read or copy, saved ones to edit, import and export as JSON. */
export const templatesRoutes = defineRoutes('templates', {
  list: { input: z.undefined(), output: templateList },
  save: { input: templateSchema, output: templateList },
  remove: { input: z.object({ id: z.string().min(1).max(48) }).strict(), output: templateList },
  /** Through an open dialog in main: the file is read, validated (the field named) and saved. */
  importFile: { input: z.undefined(), output: templateList.nullable() },
  exportFile: {
    input: z.object({ id: z.string().min(1).max(48) }).strict(),
    output: z.object({ path: z.string() }).nullable()
  },
  /** The exact request for one queued photo (`rowId`, else the first), with tokens and cost. */
  preview: {
    input: z.object({ template: templateSchema, rowId: z.string().max(64).optional() }).strict(),
    output: templatePreviewSchema
  }
})
