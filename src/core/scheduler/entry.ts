import type { ChatBody } from '../openai/transport'
import type { ItemState } from './types'

/** One request in the scheduler, with what its retries need to know. */
export interface Entry {
  id: string
  chargeTokens: number
  /** The request; let go once the item is done or failed, so finished items hold no images. */
  body: ChatBody | null
  state: ItemState
  /** Transient failures so far (429s do not count). */
  failures: number
  /** Timeouts so far: a timed-out request may still be billed, so it is re-sent once at most. */
  timeouts: number
  /** Times Flex had no capacity for it (they never count as failures). */
  flexWaits: number
  attempts: number
  controller?: AbortController
}
