import type { RequestFailure } from '../openai/failure'
import type { RetryCause, SchedulerOptions } from './types'

/** What the scheduler does with one failed attempt. */
export type FailureAction =
  | { kind: 'pause-key' }
  | { kind: 'network' }
  | { kind: 'stop-key' }
  | { kind: 'stop-job' }
  | { kind: 'requeue' }
  | { kind: 'fail'; reason: string }
  | { kind: 'retry'; delayMs: number }
  | { kind: 'flex-wait'; delayMs: number }
  | { kind: 'flex-fallback' }

/**
 * The retry policy (docs/architecture.md §4): 429 rate limits pause the key and never count; quota
 * and auth take the key out; config errors and used-up daily limits stop the job; invalid and
 * too-large fail the item at once; network failures go to the key's circuit breaker; transient
 * errors and timeouts back off exponentially with full jitter, `maxAttempts` times at most
 * (timeouts: `maxTimeouts`, since a request that timed out may still be billed).
 * `failures` counts this item's transient failures including this one.
 */
export function decide(
  failure: RequestFailure,
  failures: number,
  options: Pick<
    SchedulerOptions,
    'maxAttempts' | 'maxTimeouts' | 'backoffBaseMs' | 'backoffCapMs' | 'random' | 'flexFallback'
  >
): FailureAction {
  switch (failure.kind) {
    case 'flex_unavailable':
      return options.flexFallback
        ? { kind: 'flex-fallback' }
        : { kind: 'flex-wait', delayMs: flexWait(failure, failures, options) }
    case 'rate_limit':
      return { kind: 'pause-key' }
    case 'network':
      return { kind: 'network' }
    case 'quota':
    case 'auth':
      return { kind: 'stop-key' }
    case 'config':
    case 'daily_limit':
      return { kind: 'stop-job' }
    case 'aborted':
      return { kind: 'requeue' }
    case 'too_large':
    case 'invalid':
      return { kind: 'fail', reason: failure.message }
    default: {
      const cap = failure.kind === 'timeout' ? options.maxTimeouts : options.maxAttempts
      if (failures >= cap)
        return { kind: 'fail', reason: `${failure.message} (gave up after ${failures} attempts)` }
      const ceiling = Math.min(options.backoffCapMs, options.backoffBaseMs * 2 ** (failures - 1))
      return { kind: 'retry', delayMs: options.random() * ceiling }
    }
  }
}

/** Flex without capacity: the server's retry-after, else 5 s doubling to a minute, with jitter. */
function flexWait(
  failure: RequestFailure,
  waits: number,
  options: Pick<SchedulerOptions, 'random'>
): number {
  if (failure.retryAfterMs !== undefined) return failure.retryAfterMs
  const ceiling = Math.min(FLEX_WAIT_CAP_MS, FLEX_WAIT_BASE_MS * 2 ** Math.max(0, waits - 1))
  return ceiling / 2 + (options.random() * ceiling) / 2
}

const FLEX_WAIT_BASE_MS = 5000
const FLEX_WAIT_CAP_MS = 60_000

/** How a retrying item's wait is explained: a timeout, the network, Flex capacity or the server. */
export function retryCause(kind: RequestFailure['kind']): RetryCause {
  if (kind === 'timeout' || kind === 'network') return kind
  return kind === 'flex_unavailable' ? 'flex' : 'server'
}
