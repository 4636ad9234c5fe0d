import type { RateLimitReport } from './rate-headers'

/**
 * Why a request did not produce an answer, as the scheduler acts on it (docs/architecture.md §4):
 * - `rate_limit`: wait (`retryAfterMs`) and send again; never counts as a failure
 * - `quota`, `auth`: stop using this key; the job stops when no key is left
 * - `config`: stop the job (unknown model, bad endpoint): no key can succeed
 * - `too_large`, `invalid`: this item fails, no retry
 * - `transient`: a server error (5xx, malformed answer): back off and retry a bounded number of times
 * - `network`: the endpoint could not be reached; several in a row pause the whole key
 * - `timeout`: no whole answer in time; sent again once at most (the first may still be billed)
 * - `daily_limit`: a per-day limit is used up: the job stops until it resets
 * - `aborted`: the user cancelled
 * - `flex_unavailable`: Flex had no capacity (429 `resource_unavailable`, not billed): wait and
 *   send again, or go standard where the user allowed it; never counts against the photo
 */
export type FailureKind =
  | 'rate_limit'
  | 'daily_limit'
  | 'quota'
  | 'auth'
  | 'config'
  | 'too_large'
  | 'invalid'
  | 'transient'
  | 'network'
  | 'timeout'
  | 'aborted'
  | 'flex_unavailable'

/** Failures worth trying again on resume and by "retry failed": nothing was wrong with the photo. */
export const RETRYABLE_LATER: ReadonlySet<string> = new Set([
  'network',
  'timeout',
  'transient',
  'batch_expired'
])

export interface RequestFailure {
  kind: FailureKind
  /** A sentence a person can act on. */
  message: string
  status?: number
  code?: string
  retryAfterMs?: number
  /** Which limit a 429 named, when it said. */
  limit?: 'requests' | 'tokens'
  rateLimits?: RateLimitReport | null
  /** What a tokens/min 429 says the request was charged ("Requested N"): the server's count. */
  requestedTokens?: number
}

export const BILLING_CODES = new Set([
  'insufficient_quota',
  'credit_balance_exhausted',
  'organization_spend_limit_exceeded',
  'project_spend_limit_exceeded',
  'organization_usage_limit_exceeded',
  'billing_hard_limit_reached'
])
