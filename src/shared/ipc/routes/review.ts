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
  /** What another answer to a row would cost, before it is asked for. */
  regenerateCost: { input: rowId, output: z.object({ costUsd: z.number().nullable() }) },
  /** Another answer to a row, with a note: sent by the job's run, past the answer cache. */
  regenerate: {
    input: z.object({ id: z.string().min(1).max(64), note: z.string().max(500) }).strict(),
    output: z.object({ ok: z.literal(true) })
  }
})
