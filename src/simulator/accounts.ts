import { formatDuration } from '@shared/ratelimit/duration'
import { PromptCache } from './prompt-cache'
import { ContinuousBucket } from '@shared/ratelimit/bucket'
import type { KeyOptions, RemainingScale } from './options'

/** Why a request could not be admitted now, and for how long. */
export interface Refusal {
  kind: 'requests' | 'tokens' | 'requests_per_day'
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
  readonly project?: ContinuousBucket
  /** Images per minute on `/v1/images/*` (its own limit, as OpenAI's image models have). */
  readonly images: ContinuousBucket
  /** Tokens per minute on `/v1/images/*`, when the key has such a limit. */
  readonly imageTokens?: ContinuousBucket
  /** Prompt prefixes this key sent lately (`usage.prompt_tokens_details.cached_tokens`). */
  readonly promptCache: PromptCache

  constructor(
    readonly options: KeyOptions,
    private readonly now: () => number
  ) {
    this.requests = new ContinuousBucket(options.rpm, options.burstSeconds, now)
    this.tokens = new ContinuousBucket(options.tpm, options.burstSeconds, now)
    this.promptCache = new PromptCache(now)
    this.images = new ContinuousBucket(Math.max(1, options.ipm ?? 50), options.burstSeconds, now)
    if (options.imageTpm)
      this.imageTokens = new ContinuousBucket(options.imageTpm, options.burstSeconds, now)
    if (options.projectTpm)
      this.project = new ContinuousBucket(options.projectTpm, options.burstSeconds, now)
  }

  get quotaExhausted(): boolean {
    return this.options.quotaAfter !== undefined && this.admitted >= this.options.quotaAfter
  }

  /** Admits a request costing `charge` tokens (taking from every bucket), or says why not. */
  admit(charge: number): Refusal | null {
    if (this.options.rpd !== undefined && this.admitted >= this.options.rpd)
      return this.dailyRefusal()
    const waits = [
      this.requests.waitFor(1),
      this.tokens.waitFor(charge),
      this.project?.waitFor(charge) ?? 0
    ]
    if (waits.every((wait) => wait === 0)) {
      this.requests.take(1)
      this.tokens.take(charge)
      this.project?.take(charge)
      this.admitted++
      return null
    }
    if (this.options.refusedCount) this.requests.take(1)
    const [requestWait, tokenWait, projectWait] = waits
    const bucket =
      requestWait >= Math.max(tokenWait, projectWait)
        ? this.requests
        : tokenWait >= projectWait
          ? this.tokens
          : this.project!
    return {
      kind: bucket === this.requests ? 'requests' : 'tokens',
      waitMs: Math.max(...waits),
      limit: bucket.perMinute,
      used: bucket.perMinute - bucket.remaining()
    }
  }

  /** A request refused for another reason (an error) still counts toward RPM when so set. */
  countRefused(): void {
    if (this.options.refusedCount) this.requests.take(1)
  }

  private dailyRefusal(): Refusal {
    const dayMs = 86_400_000
    return {
      kind: 'requests_per_day',
      waitMs: dayMs - (this.now() % dayMs),
      limit: this.options.rpd!,
      used: this.admitted
    }
  }

  /**
   * The `x-ratelimit-*` headers OpenAI sends with every response. `remaining` is scaled to the
   * minute (`minute`, as the limit is), or counted against the short window the server enforces
   * (`window`: at most a burst's worth, as some gateways report it).
   */
  headers(scale: RemainingScale = 'minute'): Record<string, string> {
    const left = (bucket: ContinuousBucket): number =>
      scale === 'window' ? bucket.remainingInWindow() : bucket.remaining()
    return {
      'x-ratelimit-limit-requests': String(this.requests.perMinute),
      'x-ratelimit-limit-tokens': String(this.tokens.perMinute),
      'x-ratelimit-remaining-requests': String(left(this.requests)),
      'x-ratelimit-remaining-tokens': String(left(this.tokens)),
      'x-ratelimit-reset-requests': formatDuration(this.requests.resetMs()),
      'x-ratelimit-reset-tokens': formatDuration(this.tokens.resetMs()),
      ...(this.project && {
        'x-ratelimit-limit-project-tokens': String(this.project.perMinute),
        'x-ratelimit-remaining-project-tokens': String(this.project.remaining()),
        'x-ratelimit-reset-project-tokens': formatDuration(this.project.resetMs())
      })
    }
  }
}
