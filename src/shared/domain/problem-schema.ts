import { z } from 'zod'

/** A `Problem` (`shared/problem.ts`) inside an IPC answer, checked like any output. */
export const problemSchema = z.object({
  code: z.string(),
  field: z.string().optional(),
  params: z.record(z.string(), z.union([z.string(), z.number()])).optional()
})
