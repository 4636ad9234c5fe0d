import type { LeaseBoard } from './key-lease'
import type { ChatCompletion } from 'openai/resources/chat/completions'
import type { FailureKind } from '../openai/failure'
import type { ChatBody } from '../openai/transport'
import type { Clock } from './clock'

/** One request to make: its body and what admission will charge against tokens/min. */
export interface WorkItem {
  id: string
  body: ChatBody
  /** Prompt tokens + image admission charge + max completion tokens (docs/architecture.md §4). */
  chargeTokens: number
}

/** An API key as the scheduler knows it: an id and a label, never the secret. */
export interface KeySpec {
  id: string
  label: string
  /** Configured limits (Settings); headers from the server correct them. */
  rpm: number
  tpm: number
  /** The Batch API's enqueued-token limit for the job's model, when Settings know it. */
  batchQueueTokens?: number
  /**
   * The key's fingerprint (a one-way hash of endpoint and key, never the key): processes on this
   * machine that use the same key meet under it in the lease board.
   */
  shareId?: string
}

export type ItemState =
  | { status: 'queued' }
  | { status: 'waiting' }
  | { status: 'in_flight'; keyId: string; attempt: number }
  | { status: 'retrying'; at: number; reason: string; cause: RetryCause; keyId?: string }
  | {
      status: 'done'
      keyId: string
      attempts: number
      latencyMs: number
      completion: ChatCompletion
    }
  | { status: 'failed'; kind: FailureKind | 'too_large'; reason: string; attempts: number }

/** Why an item waits to be sent again (the window words it). */
export type RetryCause = 'rate_limit' | 'network' | 'timeout' | 'server' | 'flex'

/**
 * How a job ended: `budget`, `journal` and `model` (switched off, refused before anything is
 * sent) stops come from the job around the scheduler.
 */
export type JobOutcome =
  | { status: 'completed' }
  | {
      status: 'stopped'
      reason: string
      kind: FailureKind | 'budget' | 'journal' | 'model'
      /** When the job can go on (a daily limit), as milliseconds from the stop. */
      resumeInMs?: number
    }
  | { status: 'cancelled' }

/** How the scheduler runs; `resolveSchedulerOptions` fills in defaults. */
export interface SchedulerOptions {
  keys: KeySpec[]
  clock: Clock
  random: () => number
  /** Where processes on this machine split a key's rate (the data folder's leases); none: alone. */
  leases?: LeaseBoard
  /** The user's cap on requests in flight per key; the real cap follows rate × latency. */
  maxConcurrency: number
  /** Attempts for transient failures (5xx, isolated resets) before an item fails. */
  maxAttempts: number
  /** Sends of one item that may time out: 2 = one re-send, since a timed-out request may be billed. */
  maxTimeouts: number
  /** Network failures in a row that open a key's circuit breaker (the key pauses as a whole). */
  networkTrip: number
  /** Longest pause of an open breaker between probes. */
  networkPauseCapMs: number
  /** How long an endpoint may stay unreachable before the job stops (resumably). */
  networkGiveUpMs: number
  backoffBaseMs: number
  backoffCapMs: number
  /** Seconds of refill the local pacing buckets may hold: 1 = starts spread over each second. */
  burstSeconds: number
  /** How full the pacing buckets start: 0.5 = a job opens with half a second's share at once. */
  startFraction: number
  /** Share of a burst added once a burst's time of answers has passed with no 429 (KeyLane). */
  openingTopUp: number
  /** Upper bound for a request; shortened to 8 × p95 latency once latencies are known. */
  requestTimeoutMs: number
  minTimeoutMs: number
  /** Wait after a 429 that named no time; doubled for each 429 in a row. */
  defaultRetryAfterMs: number
  /** Flex without capacity: send that request at standard price (true) or wait and try again. */
  flexFallback: boolean
}

/** Fills the options not given with defaults. */
export function resolveSchedulerOptions(
  given: Pick<SchedulerOptions, 'keys' | 'clock'> & Partial<SchedulerOptions>
): SchedulerOptions {
  return {
    random: Math.random,
    maxConcurrency: 500,
    maxAttempts: 5,
    maxTimeouts: 2,
    networkTrip: 3,
    networkPauseCapMs: 20_000,
    networkGiveUpMs: 10 * 60_000,
    backoffBaseMs: 500,
    backoffCapMs: 30_000,
    burstSeconds: 1,
    startFraction: 0.5,
    openingTopUp: 0.3,
    requestTimeoutMs: 120_000,
    // Vision answers take seconds and vary: never give up sooner than this (a retry may pay twice).
    minTimeoutMs: 30_000,
    defaultRetryAfterMs: 1_000,
    flexFallback: false,
    ...given
  }
}
