import { z } from 'zod'
import { appInfoSchema } from '../../domain/app-info'
import { snapshotSchema } from '../../domain/workspace'
import { defineRoutes } from '../route'

/** The app itself: facts for About, and the ready handshake that hands a window the current state. */
export const appRoutes = defineRoutes('app', {
  getInfo: { input: z.undefined(), output: appInfoSchema },
  ready: { input: z.undefined(), output: snapshotSchema }
})
