import { problem } from '../../problem'
import { z } from 'zod'
import { jobEntrySchema } from '../../domain/workspace'
import { defineRoutes } from '../route'

const id = z.string().regex(/^[\w-]{1,80}$/, problem('notJobId'))
const jobId = z.object({ id }).strict()
const model = z.string().regex(/^[\w.:/-]{1,100}$/, problem('notModelId'))

/** The jobs sidebar: list, open a past job, start a new queue. */
export const jobsRoutes = defineRoutes('jobs', {
  list: { input: z.undefined(), output: z.array(jobEntrySchema) },
  open: { input: jobId, output: z.object({ ok: z.literal(true) }) },
  /** "Move this job to …": a stopped job's remaining photos go to the endpoint Settings name now. */
  moveEndpoint: { input: jobId, output: z.object({ from: z.string(), to: z.string() }) },
  /** "Switch job to …": a stopped job's remaining photos are asked with a model that lives. */
  switchModel: {
    input: z.object({ id, to: model }).strict(),
    output: z.object({ from: z.string(), to: z.string() })
  },
  newQueue: { input: z.undefined(), output: z.object({ ok: z.literal(true) }) }
})
