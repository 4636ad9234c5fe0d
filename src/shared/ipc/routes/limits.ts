import { z } from 'zod'
import { limitSampleSchema } from '../../domain/run-view'
import { defineRoutes } from '../route'

/** The rate-limits panel: the last five minutes, a sample a second. */
export const limitsRoutes = defineRoutes('limits', {
  history: { input: z.undefined(), output: z.array(limitSampleSchema) }
})
