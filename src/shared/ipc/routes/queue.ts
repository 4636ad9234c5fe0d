import { z } from 'zod'
import { jobOptionsChangeSchema } from '../../domain/job-options'
import { estimateViewSchema } from '../../domain/queue'
import { SHEET_ENCODINGS } from '../../domain/sheet-encoding'
import { defineRoutes } from '../route'

const ids = z.array(z.string().min(1).max(64)).max(100_000)
const rowId = z.object({ id: z.string().min(1).max(64) }).strict()

/** The queue: photos in, options that drive the estimate, row actions. */
export const queueRoutes = defineRoutes('queue', {
  /** Paths from a drop (the preload takes them from the dropped files). */
  add: {
    input: z.object({ paths: z.array(z.string().min(1).max(4096)).min(1).max(10_000) }).strict(),
    output: z.object({ added: z.number().int() })
  },
  /** "Add photos…": a dialog in main. */
  choose: { input: z.undefined(), output: z.object({ added: z.number().int() }) },
  remove: { input: z.object({ ids }).strict(), output: z.object({ removed: z.number().int() }) },
  setOptions: {
    // A budget, a SKU pattern or more languages of null clears it (undefined does not survive IPC).
    input: jobOptionsChangeSchema
      .extend({
        budgetUsd: z.number().nonnegative().nullable().optional(),
        skuPattern: jobOptionsChangeSchema.shape.skuPattern.unwrap().nullable().optional(),
        moreLanguages: jobOptionsChangeSchema.shape.moreLanguages.unwrap().nullable().optional()
      })
      .strict(),
    output: estimateViewSchema.nullable()
  },
  /** Attaches a product sheet (CSV/XLSX) chosen in a dialog; null when the dialog was cancelled. */
  chooseSheet: { input: z.undefined(), output: estimateViewSchema.nullable() },
  clearSheet: { input: z.undefined(), output: estimateViewSchema.nullable() },
  /** Reads the attached CSV sheet again in another encoding (when detection got it wrong). */
  setSheetEncoding: {
    input: z.object({ encoding: z.enum(SHEET_ENCODINGS) }).strict(),
    output: estimateViewSchema.nullable()
  },
  /** A person's change to an answer: journaled, and the export carries it. */
  edit: {
    input: z
      .object({
        id: z.string().min(1).max(64),
        fields: z.record(z.string().max(100), z.string().max(20_000))
      })
      .strict(),
    output: z.object({ ok: z.literal(true) })
  },
  showInFolder: { input: rowId, output: z.object({ ok: z.boolean() }) },
  copy: { input: rowId, output: z.object({ ok: z.boolean() }) }
})
