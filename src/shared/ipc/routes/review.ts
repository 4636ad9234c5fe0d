import { z } from 'zod'
import { defineRoutes } from '../route'

const ids = z.array(z.string().min(1).max(64)).min(1).max(100_000)
const changed = z.object({ changed: z.number().int() })
const rowId = z.object({ id: z.string().min(1).max(64) }).strict()

/** The review desk: a person's verdicts on the open job's answers, and Undo. */
export const reviewRoutes = defineRoutes('review', {
  /** Approve or reject answers; null takes the verdict back. Journaled. */
  judge: {
    input: z.object({ ids, verdict: z.enum(['approved', 'rejected']).nullable() }).strict(),
    output: changed
  },
  /** "Approve all that pass": every answer not judged yet that broke no rule. */
  approvePassing: { input: z.undefined(), output: changed },
  /** Takes back the last verdict, edit or regenerate: the answers as they were. */
  undo: { input: z.undefined(), output: changed },
  /** The target keywords of the product a row's photo shows (typed or from the product sheet). */
  keywords: { input: rowId, output: z.object({ keywords: z.string() }) },
  /** Types the target keywords of a row's product: saved with the job, checked at once. */
  setKeywords: {
    input: z.object({ id: z.string().min(1).max(64), keywords: z.string().max(300) }).strict(),
    output: changed
  },
  /** What another answer to a row would cost, before it is asked for. */
  regenerateCost: { input: rowId, output: z.object({ costUsd: z.number().nullable() }) },
  /**
   * Another answer to a row, with a note: sent by the job's run, past the answer cache. With
   * `field`, only that field is replaced; the answer's other fields stay.
   */
  regenerate: {
    input: z
      .object({
        id: z.string().min(1).max(64),
        note: z.string().max(500),
        field: z.string().min(1).max(40).optional()
      })
      .strict(),
    output: z.object({ ok: z.literal(true) })
  }
})
