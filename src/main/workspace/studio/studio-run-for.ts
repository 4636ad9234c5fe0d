import { StudioRun, type Connection, type LeaseBoard, type Recipe } from '../../../core'
import type { OpenQueue, QueuePhoto } from './queue-photos'
import type { QueueStudio } from './queue-studio'
import { TIER_ONE_IMAGE_TPM, TIER_ONE_IPM, madeWith } from './studio-estimate'

/** The images per minute the demo's key is told (its simulator keeps fewer, so a 429 shows). */
export const DEMO_IPM = 60

/** What a studio run of the window is made from. */
export interface StudioRunGiven {
  queue: OpenQueue
  studio: QueueStudio
  recipe: Recipe
  connection: Connection | null
  cacheDir: string
  /** The data folder's leases: the window and a CLI run split a key's images per minute. */
  leases?: LeaseBoard
  now: () => number
  /** Tells the window (coalesced). */
  publish: () => void
}

/**
 * The engine's run for the window's studio: Settings' keys at their images per minute for the
 * model (tier 1's until answers' headers say), every photo's progress into the queue's studio.
 */
export function studioRunFor(given: StudioRunGiven, resendPossiblyBilled: boolean): StudioRun {
  const { queue, studio, recipe, connection, publish } = given
  const demo = queue.endpoint.kind === 'demo'
  // The run hands back the very photos it was given: the queue's, with their rows.
  const photoOf = (photo: unknown): QueuePhoto => photo as QueuePhoto
  return new StudioRun(recipe, {
    baseURL: connection?.baseURL ?? 'https://api.openai.com/v1',
    keys: (connection?.keys ?? []).map((key) => ({
      id: key.id,
      apiKey: key.apiKey,
      ipm: demo ? DEMO_IPM : (key.rpm ?? TIER_ONE_IPM),
      tpm: demo ? undefined : (key.tpm ?? TIER_ONE_IMAGE_TPM)
    })),
    fetch: connection?.fetch,
    leases: given.leases,
    cacheDir: given.cacheDir,
    outDir: studio.outDir!,
    budgetUsd: studio.options.budgetUsd,
    resendPossiblyBilled,
    now: given.now,
    onSend: (photo) => {
      studio.working(photoOf(photo))
      publish()
    },
    onResult: (photo, result) => {
      studio.settled(photoOf(photo), result, madeWith(recipe))
      publish()
    }
  })
}
