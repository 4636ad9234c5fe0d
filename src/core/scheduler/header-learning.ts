import type { ContinuousBucket } from '@shared/ratelimit/bucket'
import type { RateLimitReport } from '../openai/rate-headers'
import { SharedTruth } from './shared-truth'
import type { KeySnapshot, SendTicket } from './key-snapshot'

/** A `remaining` this far above one burst can only be scaled to the minute. */
const OVER_BURST = 1.5

/**
 * What a key's `x-ratelimit-*` headers teach: the account's real limits, and, from `remaining`,
 * how much is left now (see SharedTruth). Servers count `remaining` differently: scaled to the
 * minute as the limit is (OpenAI), or against the short window they enforce (a burst's worth at
 * most, as some gateways do). Read the second way, a full window would look nearly empty, so
 * `remaining` is trusted only once a report shows more than a burst could hold; until then the
 * rate follows the limits and what 429s teach.
 */
export class HeaderLearning {
  limitsFrom: KeySnapshot['limitsFrom'] = 'settings'
  lastReport: RateLimitReport | null = null
  /** Our recent requests, by send order, as far back as the estimates need. */
  private recent: SendTicket[] = []
  private appliedSeq = 0
  private readonly requestTruth: SharedTruth
  private readonly tokenTruth: SharedTruth
  private readonly minuteScaled = { requests: false, tokens: false }

  constructor(
    private readonly requests: ContinuousBucket,
    private readonly tokens: ContinuousBucket,
    private readonly burstSeconds: number,
    now: () => number
  ) {
    this.requestTruth = new SharedTruth(requests, now)
    this.tokenTruth = new SharedTruth(tokens, now)
  }

  sent(ticket: SendTicket): void {
    this.recent.push(ticket)
  }

  /** The account's real limits win over Settings; a lower `remaining` slows us down at once. */
  learn(report: RateLimitReport, ticket: SendTicket): void {
    this.lastReport = report
    if (report.limitRequests || report.limitTokens) this.limitsFrom = 'headers'
    if (report.limitRequests && report.limitRequests !== this.requests.perMinute)
      this.requests.setLimit(report.limitRequests)
    if (report.limitTokens && report.limitTokens !== this.tokens.perMinute)
      this.tokens.setLimit(report.limitTokens)
    // Only a report newer than the last one applied says how much is left now.
    if (ticket.seq < this.appliedSeq) return
    this.appliedSeq = ticket.seq
    const limitRequests = report.limitRequests ?? this.requests.perMinute
    const limitTokens = report.limitTokens ?? this.tokens.perMinute
    const { seq, sentAt } = ticket
    const requestsLeft = this.trusted('requests', report.remainingRequests, limitRequests)
    if (requestsLeft !== undefined) {
      const sends = this.recent.map((t) => ({ ...t, charge: 1 }))
      this.requestTruth.apply(requestsLeft, limitRequests, sentAt, seq, sends)
    }
    const tokensLeft = this.trusted('tokens', report.remainingTokens, limitTokens)
    if (tokensLeft !== undefined)
      this.tokenTruth.apply(tokensLeft, limitTokens, sentAt, seq, this.recent)
    const keep = Math.min(this.requestTruth.anchorSeq, this.tokenTruth.anchorSeq, seq)
    this.recent = this.recent.filter((t) => t.seq > keep)
  }

  /** `remaining`, once the server has shown it counts it on the minute's scale. */
  private trusted(
    kind: 'requests' | 'tokens',
    remaining: number | undefined,
    limit: number
  ): number | undefined {
    if (remaining === undefined) return undefined
    const burst = (limit * this.burstSeconds) / 60
    if (remaining > burst * OVER_BURST + 1) this.minuteScaled[kind] = true
    return this.minuteScaled[kind] ? remaining : undefined
  }
}
