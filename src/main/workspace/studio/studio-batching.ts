import {
  pollScheduleFrom,
  studioBatchOn,
  type Connection,
  type Recipe,
  type StudioRun
} from '../../../core'
import type { QueuePhoto } from './queue-photos'
import type { QueueStudio } from './queue-studio'

/** What the studio's batches need: the photos, the key, the cache, and whom to tell. */
export interface BatchingContext {
  recipe: Recipe
  photos: readonly QueuePhoto[]
  connection: Connection
  cacheDir: string
  studio: QueueStudio
  run: StudioRun
  publish: () => void
}

/**
 * The window's studio through the Batch API: finished batches' images are brought into the cache,
 * photos without an image go up in new batches, and the batches are watched (OpenAI's gentle
 * schedule) until every image is cached — true; false when a person stopped first (the batches
 * sent keep running at OpenAI, and the next Make images collects them).
 */
export async function batchesHome(ctx: BatchingContext): Promise<boolean> {
  const batch = studioBatchOn(ctx.recipe, ctx.connection, ctx.cacheDir)
  const waitMs = pollScheduleFrom(process.env).firstMs
  for (;;) {
    const home = await batch.collect()
    ctx.studio.spentBefore += home.costUsd
    const sent = home.running.length > 0 ? [] : await batch.submit(ctx.photos)
    const open = [...home.running, ...sent]
    if (open.length === 0) {
      ctx.studio.batches = undefined
      return true
    }
    ctx.studio.waitInBatches(open, ctx.photos)
    ctx.publish()
    if (!(await sleepUnlessStopped(waitMs, ctx.run))) return false
  }
}

/** Waits `ms`, a second at a time; false as soon as the run is stopped. */
async function sleepUnlessStopped(ms: number, run: StudioRun): Promise<boolean> {
  for (let left = ms; left > 0; left -= 1000) {
    if (run.stoppedFor) return false
    await new Promise((resolve) => setTimeout(resolve, Math.min(1000, left)))
  }
  return !run.stoppedFor
}
