import type { JobProgress } from '@shared/domain/progress'
import type { LimitSample } from '@shared/domain/run-view'

/** Five minutes at one sample a second. */
export const HISTORY_SECONDS = 300

interface Counters {
  answered: number
  tokens: number
  rateLimited: number
}

/**
 * The rate-limits chart's data: each second, how many requests were answered, how many tokens
 * they used and how many 429s came back, over every running job, against the keys' limits.
 */
export class LimitHistory {
  readonly samples: LimitSample[] = []
  private readonly last = new Map<string, Counters>()
  private readonly latest = new Map<string, JobProgress>()

  /** The newest progress of a running job. */
  observe(jobId: string, progress: JobProgress): void {
    this.latest.set(jobId, progress)
  }

  forget(jobId: string): void {
    this.latest.delete(jobId)
  }

  /** Takes one sample (call once a second while something runs); returns it. */
  tick(now: number): LimitSample {
    const sample: LimitSample = { at: now, requests: 0, tokens: 0, rateLimited: 0, rpm: 0, tpm: 0 }
    const limits = new Map<string, { rpm: number; tpm: number }>()
    for (const [jobId, progress] of this.latest) {
      const now = counters(progress)
      const before = this.last.get(jobId) ?? now
      sample.requests += Math.max(0, now.answered - before.answered)
      sample.tokens += Math.max(0, now.tokens - before.tokens)
      sample.rateLimited += Math.max(0, now.rateLimited - before.rateLimited)
      this.last.set(jobId, now)
      for (const key of progress.keys) limits.set(key.id, key)
    }
    for (const key of limits.values()) {
      sample.rpm += key.rpm
      sample.tpm += key.tpm
    }
    this.samples.push(sample)
    if (this.samples.length > HISTORY_SECONDS) this.samples.shift()
    return sample
  }
}

function counters(progress: JobProgress): Counters {
  const { totals, keys } = progress
  return {
    answered: totals.done + totals.failed,
    tokens: totals.tokensIn + totals.tokensOut,
    rateLimited: keys.reduce((sum, key) => sum + key.rateLimitHits, 0)
  }
}
