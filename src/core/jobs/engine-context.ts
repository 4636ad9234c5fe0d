import type { Problem } from '@shared/problem'
import type { JobProgress } from '@shared/domain/progress'
import type { ChatTransport } from '../openai/transport'
import type { Clock } from '../scheduler/clock'
import type { LeaseBoard } from '../scheduler/key-lease'
import type { LanePool } from '../scheduler/lane-pool'
import type { KeySpec, SchedulerOptions } from '../scheduler/types'
import type { JournalEvent } from './journal-events'
import type { UsageLearning } from '../estimate/usage-learning'

/** What a job run needs from the outside world. */
export interface EngineContext {
  dataDir: string
  transport: ChatTransport
  keys: KeySpec[]
  clock: Clock
  /** About ten times a second while running, and once at the end: plain data (see JobProgress). */
  onProgress?: (progress: JobProgress) => void
  lookahead?: number
  /** Scheduler settings over the defaults (timeouts, breaker): benchmarks and tests. */
  scheduler?: Partial<SchedulerOptions>
  /** Where this machine's processes split each key's rate (the data folder's leases). */
  leases?: LeaseBoard
  /** One lane per key shared with the process's other jobs (the window's main process). */
  lanes?: LanePool
  /** Hears every event once it is journaled (the window updates its rows from them). */
  onRecorded?: (event: JournalEvent) => void
  /** The most requests in flight (Settings), over the job's own setting. */
  maxConcurrency?: number
  /** Image tokens and admission charges learned from answers: requests are estimated by them and teach them. */
  learning?: UsageLearning
  /** Live requests go as Flex (`fallback`: standard when Flex has no capacity). */
  flex?: { fallback: boolean }
  /** Refuses a model that no longer exists, before anything is sent (null: it may run). */
  checkModel?: () => Promise<Problem | null>
}
