import { formatDuration } from '@shared/ratelimit/duration'
import { ContinuousBucket } from '@shared/ratelimit/bucket'
import type { KeyOptions } from './options'

/** Why a request could not be admitted now, and for how long. */
export interface Refusal {
  kind: 'requests' | 'tokens'
  waitMs: number
  limit: number
  used: number
}

/** The rate-limit state of one API key: a request bucket, a token bucket, a success count. */
export class KeyAccount {
  readonly requests: ContinuousBucket
  readonly tokens: ContinuousBucket
  /** Requests admitted so far: `quotaAfter` counts these, so concurrency cannot overshoot it. */
  admitted = 0

  constructor(
    readonly options: KeyOptions,
    now: () => number
  ) {
    this.requests = new ContinuousBucket(options.rpm, options.burstSeconds, now)
    this.tokens = new ContinuousBucket(options.tpm, options.burstSeconds, now)
  }

  get quotaExhausted(): boolean {
    return this.options.quotaAfter !== undefined && this.admitted >= this.options.quotaAfter
  }

  /** Admits a request costing `charge` tokens (taking from both buckets), or says why not. */
  admit(charge: number): Refusal | null {
    const requestWait = this.requests.waitFor(1)
    const tokenWait = this.tokens.waitFor(charge)
    if (requestWait === 0 && tokenWait === 0) {
      this.requests.take(1)
      this.tokens.take(charge)
      this.admitted++
      return null
    }
    const bucket = requestWait >= tokenWait ? this.requests : this.tokens
    return {
      kind: bucket === this.requests ? 'requests' : 'tokens',
      waitMs: Math.max(requestWait, tokenWait),
      limit: bucket.perMinute,
      used: bucket.perMinute - bucket.remaining()
    }
  }

  /** The `x-ratelimit-*` headers OpenAI sends with every response. */
  headers(): Record<string, string> {
    return {
      'x-ratelimit-limit-requests': String(this.requests.perMinute),
      'x-ratelimit-limit-tokens': String(this.tokens.perMinute),
      'x-ratelimit-remaining-requests': String(this.requests.remaining()),
      'x-ratelimit-remaining-tokens': String(this.tokens.remaining()),
      'x-ratelimit-reset-requests': formatDuration(this.requests.resetMs()),
      'x-ratelimit-reset-tokens': formatDuration(this.tokens.resetMs())
    }
  }
}
