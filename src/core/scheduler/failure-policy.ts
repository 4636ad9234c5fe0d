import type { RequestFailure } from '../openai/failure'
import type { SchedulerOptions } from './types'

/** What the scheduler does with one failed attempt. */
export type FailureAction =
  | { kind: 'pause-key' }
  | { kind: 'network' }
  | { kind: 'stop-key' }
  | { kind: 'stop-job' }
  | { kind: 'requeue' }
  | { kind: 'fail'; reason: string }
  | { kind: 'retry'; delayMs: number }

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
    'maxAttempts' | 'maxTimeouts' | 'backoffBaseMs' | 'backoffCapMs' | 'random'
  >
): FailureAction {
  switch (failure.kind) {
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
