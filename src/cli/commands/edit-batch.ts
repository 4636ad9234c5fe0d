import { studioBatchOn, type Connection, type Recipe, type StudioPhoto } from '../../core'
import type { CliIo } from '../io'

/**
 * `edit --batch`: finished batches are brought into the cache first; photos still without an
 * image go up in new batches. Returns true when every photo's image is in the cache (the run that
 * follows writes the outputs and sends nothing), false while batches still run.
 */
export async function throughBatch(
  recipe: Recipe,
  photos: readonly StudioPhoto[],
  connection: Connection,
  cacheDir: string,
  io: CliIo
): Promise<boolean> {
  const batch = studioBatchOn(recipe, connection, cacheDir)
  const home = await batch.collect()
  if (home.collected > 0 || home.failed.length > 0) {
    io.out(
      `Collected ${home.collected} images from finished batches ($${home.costUsd.toFixed(2)} at the Batch price); ${home.failed.length} failed.`
    )
    for (const failure of home.failed) io.err(`  failed in the batch: ${failure.message}`)
  }
  for (const running of home.running)
    io.out(
      `Batch ${running.id}: ${running.status}, ${running.counts.completed} of ${running.counts.total} done.`
    )
  if (home.running.length > 0) {
    io.out('Run the same command again later to collect the images (within 24 h).')
    return false
  }
  const sent = await batch.submit(photos)
  if (sent.length === 0) return true
  const lines = sent.reduce((sum, b) => sum + b.counts.total, 0)
  io.out(
    `Sent ${lines || 'the'} photos in ${sent.length} batch${sent.length > 1 ? 'es' : ''} (${sent.map((b) => b.id).join(', ')}): half the price, within 24 h. Run the same command again to collect the images.`
  )
  return false
}
