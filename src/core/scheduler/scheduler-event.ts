import type { KeySnapshot } from './key-lane'
import type { ItemState, JobOutcome } from './types'

export type SchedulerEvent =
  | { type: 'item'; id: string; state: ItemState }
  | { type: 'key'; key: KeySnapshot }
  | { type: 'job'; outcome: JobOutcome }
  /** A 429 said what the server charged a request against tokens/min (we charged `charged`). */
  | { type: 'charge'; id: string; requested: number; charged: number }
