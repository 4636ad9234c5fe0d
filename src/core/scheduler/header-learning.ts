import type { ContinuousBucket } from '@shared/ratelimit/bucket'
import type { RateLimitReport } from '../openai/rate-headers'
import { SharedTruth, type Sent } from './shared-truth'
import type { KeySnapshot, SendTicket } from './key-snapshot'

/** A `remaining` this far above one burst can only be scaled to the minute. */
const OVER_BURST = 1.5

type Kind = 'requests' | 'tokens'

/** How one kind's `remaining` is read: which scale it is on, and the truth each scale feeds. */
interface Reading {
  minuteScaled: boolean
  minute: SharedTruth
  window: SharedTruth
}

/**
 * What a key's `x-ratelimit-*` headers teach: the account's real limits, and, from `remaining`,
 * how much is left now (see SharedTruth). Servers count `remaining` differently: scaled to the
 * minute as the limit is (OpenAI), or against the short window they enforce (a burst's worth at
 * most, as some gateways do). Until a report shows more than a burst could hold, which only the
 * minute's scale can, `remaining` is read as what the window has left, in the bucket's own units:
 * read on the minute's scale, a full window would look nearly empty. Read on the window's, a
 * minute-scaled key nearly used up looks fuller than it is, which is no worse than not reading it.
 */
export class HeaderLearning {
  limitsFrom: KeySnapshot['limitsFrom'] = 'settings'
  lastReport: RateLimitReport | null = null
  /** Our recent requests, by send order, as far back as the estimates need. */
  private recent: SendTicket[] = []
  private appliedSeq = 0
  private readonly readings: Record<Kind, Reading>

  constructor(
    private readonly requests: ContinuousBucket,
    private readonly tokens: ContinuousBucket,
    now: () => number
  ) {
    // A request is charged one, always within a burst; tokens can owe.
    const reading = (bucket: ContinuousBucket, chargesFitBurst: boolean): Reading => ({
      minuteScaled: false,
      minute: new SharedTruth(bucket, now, chargesFitBurst),
      window: new SharedTruth(bucket, now, chargesFitBurst)
    })
    this.readings = { requests: reading(requests, true), tokens: reading(tokens, false) }
  }

  /** How many of our sent requests it still holds (only as far back as its readings need). */
  get ticketsHeld(): number {
    return this.recent.length
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
    this.read('requests', report.remainingRequests, ticket)
    this.read('tokens', report.remainingTokens, ticket)
    const anchors = Object.values(this.readings).flatMap((r) => [r.minute, r.window])
    const keep = Math.min(ticket.seq, ...anchors.map((truth) => truth.anchorSeq))
    this.recent = this.recent.filter((t) => t.seq > keep)
  }

  /** One kind's `remaining`, read on the scale the server has shown it uses. */
  private read(kind: Kind, remaining: number | undefined, ticket: SendTicket): void {
    if (remaining === undefined) return
    // A ticket's charge is its tokens; each request counts one.
    const sends: Sent[] =
      kind === 'requests' ? this.recent.map((t) => ({ ...t, charge: 1 })) : this.recent
    const bucket = this[kind]
    const reading = this.readings[kind]
    if (remaining > bucket.capacity * OVER_BURST + 1) reading.minuteScaled = true
    const { seq, sentAt } = ticket
    if (reading.minuteScaled) reading.minute.apply(remaining, bucket.perMinute, sentAt, seq, sends)
    else reading.window.apply(remaining, bucket.capacity, sentAt, seq, sends)
  }
}
