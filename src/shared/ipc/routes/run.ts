import { z } from 'zod'
import { defineRoutes } from '../route'

const done = z.object({ ok: z.literal(true) })

/** Running the open queue: start, sample, pause, resume, cancel, retry. */
export const runRoutes = defineRoutes('run', {
  start: { input: z.undefined(), output: z.object({ jobId: z.string() }) },
  /** Runs the chosen settings on a few photos first (the ids picked, or spread across the queue). */
  sample: {
    input: z.object({ ids: z.array(z.string().min(1).max(64)).max(20).optional() }).strict(),
    output: z.object({ jobId: z.string() })
  },
  pause: { input: z.undefined(), output: done },
  resume: { input: z.undefined(), output: done },
  cancel: { input: z.undefined(), output: done },
  /** Sends failed photos again: these ids, or every failure with this code, or every failure. */
  retry: {
    input: z
      .object({
        ids: z.array(z.string().min(1).max(64)).max(100_000).optional(),
        code: z.string().max(64).optional(),
        /** Re-run them live, or in a new batch (a Batch job's failed or expired lines). */
        mode: z.enum(['live', 'flex', 'batch']).optional()
      })
      .strict(),
    output: z.object({ retried: z.number().int() })
  },
  /** Cancels the open job's batches: what finished is kept, the rest stays to do. */
  cancelBatches: { input: z.undefined(), output: done },
  /** The bundled sample photos through the built-in simulator: the whole flow without a key. */
  demo: { input: z.undefined(), output: z.object({ jobId: z.string() }) }
})
