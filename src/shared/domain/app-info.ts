import { z } from 'zod'

/** Facts about the running app that the window shows (About, footer). */
export const appInfoSchema = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.string(),
  arch: z.string(),
  dataDir: z.string(),
  /** Runtime versions, e.g. `{ node: '20.20.2', electron: '45.4.1' }`. */
  runtime: z.record(z.string(), z.string()),
  /** Where thumbnails are served: `thumb://t/` in the app; `<thumbnailBase><viewId>/<rowId>`. */
  thumbnailBase: z.string()
})
export type AppInfo = z.infer<typeof appInfoSchema>
