/**
 * A job's progress as plain data that can cross IPC and go to scripts: durations instead of clock
 * readings, codes instead of sentences (the window and the CLI word them), no SDK objects.
 */
export interface JobProgress {
  items: ItemProgress[]
  keys: KeyProgress[]
  totals: ProgressTotals
  outcome?: ProgressOutcome
  /** Batch mode: the job's batch files and where each stands. */
  batch?: BatchProgress
}

/** What a Batch-mode job is doing now. */
export interface BatchProgress {
  phase: 'building' | 'submitting' | 'waiting' | 'collecting' | 'cancelling' | 'done'
  /** Lines written to batch files by this run. */
  built: number
  parts: BatchPartProgress[]
  /** Input tokens waiting in batches, and the limit they are held under (absent: none known). */
  enqueuedTokens: number
  enqueueLimit?: number
  /** Milliseconds until the batches are looked at again. */
  nextPollInMs?: number
}

/** One batch file: its server status (or `building`, `uploading`, `queued` before it has one). */
export interface BatchPartProgress {
  n: number
  status: string
  lines: number
  completed: number
  failed: number
  settled: boolean
  problem?: string
}

/** Why an item waits to be sent again. */
export type RetryCauseCode = 'rate_limit' | 'network' | 'timeout' | 'server' | 'flex'

/** One item's state. `reason` carries the server's or the file's own words, never ours. */
export type ItemProgress = { id: string } & (
  | { status: 'queued' | 'waiting' }
  | { status: 'in_flight'; keyId: string; attempt: number }
  | { status: 'retrying'; retryInMs: number; cause: RetryCauseCode; keyId?: string }
  | { status: 'done'; keyId: string; attempts: number; latencyMs: number }
  | { status: 'failed'; kind: string; reason: string; attempts: number }
)

/** One API key, by id and label (never the secret). */
export interface KeyProgress {
  id: string
  label: string
  rpm: number
  tpm: number
  limitsFrom: 'settings' | 'headers'
  remainingRequests?: number
  remainingTokens?: number
  /** Milliseconds until the key sends again, while it cools down. */
  coolingInMs?: number
  coolingCause?: 'rate_limit' | 'network'
  /** Which limit a 429 named: requests or tokens per minute. */
  coolingLimit?: 'requests' | 'tokens'
  inFlight: number
  concurrencyCap: number
  latencyP50Ms?: number
  latencyP95Ms?: number
  rateLimitHits: number
  stopped: boolean
}

/** Job-wide numbers: counts, tokens, money, throughput and ETA. */
export interface ProgressTotals {
  total: number
  done: number
  failed: number
  inFlight: number
  retrying: number
  tokensIn: number
  tokensOut: number
  costUsd: number
  /** Requests sent again after a timeout: the first may still have been billed (paid twice). */
  possiblyPaidTwice: number
  /** Items finished per minute over the last minute. */
  throughputPerMin: number
  /** Milliseconds until the rest is done at the current throughput, when it can be said. */
  etaMs?: number
}

export type ProgressOutcome =
  | { status: 'completed' }
  | { status: 'cancelled' }
  | { status: 'stopped'; kind: string; reason: string; resumeInMs?: number }
