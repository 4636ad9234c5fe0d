import { z } from 'zod'
import { TEMPLATE_ID, templatePreviewSchema, templateSchema } from '../../templates/template-schema'
import { defineRoutes } from '../route'

const templateList = z.object({
  builtins: z.array(templateSchema),
  saved: z.array(templateSchema)
})

/** Templates: built-ins to read or copy, saved ones to edit, import and export as JSON. */
export const templatesRoutes = defineRoutes('templates', {
  list: { input: z.undefined(), output: templateList },
  save: { input: templateSchema, output: templateList },
  remove: { input: z.object({ id: z.string().regex(TEMPLATE_ID) }).strict(), output: templateList },
  /** Through an open dialog in main: the file is read, validated (the field named) and saved. */
  importFile: { input: z.undefined(), output: templateList.nullable() },
  exportFile: {
    input: z.object({ id: z.string().regex(TEMPLATE_ID) }).strict(),
    output: z.object({ path: z.string() }).nullable()
  },
  /** The exact request for one queued photo (`rowId`, else the first), with tokens and cost. */
  preview: {
    input: z.object({ template: templateSchema, rowId: z.string().max(64).optional() }).strict(),
    output: templatePreviewSchema
  }
})
