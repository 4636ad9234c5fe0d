import { ContinuousBucket } from '@shared/ratelimit/bucket'
import type { RequestFailure } from '../openai/failure'
import type { RateLimitReport } from '../openai/rate-headers'
import { LatencyWindow } from './latency'
import { HeaderLearning } from './header-learning'
import { LanePacing } from './lane-pacing'
import type { KeySnapshot, SendTicket } from './key-snapshot'
import type { KeySpec, SchedulerOptions } from './types'

export type { KeySnapshot, SendTicket } from './key-snapshot'

const LITTLE_MARGIN = 1.5

/**
 * One API key's lane: paced by continuous RPM/TPM buckets, capped in flight by rate × latency
 * (Little's law), corrected by the server's headers, paused whole by a 429.
 * The buckets start part full (`startFraction`): a job opens with at most that share of a burst,
 * so limits set too high in Settings cost at most that many 429s before the headers tell the truth.
 */
export class KeyLane {
  readonly requests: ContinuousBucket
  readonly tokens: ContinuousBucket
  readonly latency = new LatencyWindow()
  inFlight = 0
  rateLimitHits = 0
  stoppedReason?: string
  private pausedUntil = 0
  private coolingLimit?: 'requests' | 'tokens'
  private consecutive429 = 0
  private averageCharge = 0
  private coolingCause: KeySnapshot['coolingCause']
  /** Network failures in a row, and when the streak began (the circuit breaker). */
  private networkStreak = 0
  private unreachableSince?: number
  /** Probes of the open breaker that failed: each doubles the pause. */
  private failedProbes = 0
  private probing = false
  private sentCount = 0
  /** Whether the opening was topped up, or will not be; when the first answer came. */
  private openingDone = false
  private firstAnswerAt?: number
  private readonly headers: HeaderLearning
  /** The share of the limit paced at: what 429s taught, and the machine's lease. */
  readonly pacing: LanePacing
  /** When the last request the server refused had left (a 429 cuts the rate once per event). */
  private refusedSentAt = 0
  /** Schedulers sharing this lane, told when a request ends and room may have opened. */
  private readonly released = new Set<() => void>()
  /** The most requests in flight a person allows (Settings): per key, changed by `configure`. */
  private maxConcurrency: number
  /** The limits Settings gave last: a new start with other limits applies them. */
  private configured: { rpm: number; tpm: number }

  constructor(
    readonly spec: KeySpec,
    private readonly options: SchedulerOptions
  ) {
    this.maxConcurrency = options.maxConcurrency
    this.configured = { rpm: spec.rpm, tpm: spec.tpm }
    const now = () => options.clock.now()
    this.requests = new ContinuousBucket(spec.rpm, options.burstSeconds, now, options.startFraction)
    this.tokens = new ContinuousBucket(spec.tpm, options.burstSeconds, now, options.startFraction)
    this.headers = new HeaderLearning(this.requests, this.tokens, now)
    const lease = spec.shareId ? options.leases?.hold(spec.shareId) : undefined
    this.pacing = new LanePacing([this.requests, this.tokens], now, lease)
    this.pacing.setProbing(true)
  }

  get active(): boolean {
    return this.stoppedReason === undefined
  }

  /** Whether one request of this charge could ever pass this key's tokens/min limit. */
  fits(charge: number): boolean {
    return charge <= this.tokens.perMinute
  }

  /** Milliseconds until a request of `charge` may start here; Infinity when stopped or full. */
  readyIn(charge: number): number {
    if (!this.active || this.inFlight >= this.concurrencyCap()) return Number.POSITIVE_INFINITY
    this.pacing.sending()
    // An open breaker lets one probe through at a time until an answer comes back.
    if (this.breakerOpen && this.inFlight > 0) return Number.POSITIVE_INFINITY
    const pause = Math.max(0, this.pausedUntil - this.options.clock.now())
    return Math.max(pause, this.requests.waitFor(1), this.tokens.waitFor(charge))
  }

  /** Charges the buckets for a request that starts now; the ticket goes back with `finish`. */
  start(charge: number): SendTicket {
    this.requests.take(1)
    this.tokens.take(charge)
    const ticket: SendTicket = { seq: ++this.sentCount, sentAt: this.options.clock.now(), charge }
    this.headers.sent(ticket)
    this.probing = this.breakerOpen
    this.averageCharge = this.averageCharge === 0 ? charge : this.averageCharge * 0.9 + charge * 0.1
    this.inFlight++
    return ticket
  }

  /** Calls `listener` whenever a request on this lane ends; returns how to stop. */
  onRelease(listener: () => void): () => void {
    this.released.add(listener)
    return () => {
      this.released.delete(listener)
      if (this.released.size === 0) this.idle()
    }
  }

  /** Tells the other schedulers on this lane that a request ended (`from` has pumped already). */
  notifyReleased(from: () => void): void {
    for (const listener of [...this.released]) if (listener !== from) listener()
  }

  /** A request ended; `latencyMs` only for real answers, `report` whenever headers came. */
  finish(
    ticket: SendTicket,
    report: RateLimitReport | null | undefined,
    latencyMs?: number,
    refused = false
  ): void {
    this.inFlight--
    // A request the server refused (429) never counted there: our count gives it back.
    if (refused) {
      this.requests.refund(1)
      this.tokens.refund(ticket.charge)
      ticket.refused = true
      this.refusedSentAt = ticket.sentAt
    }
    if (latencyMs !== undefined) {
      this.pacing.answered()
      this.latency.add(latencyMs)
      this.consecutive429 = 0
      this.networkStreak = 0
      this.failedProbes = 0
      this.unreachableSince = undefined
    }
    if (report) this.learn(report, ticket)
    if (latencyMs !== undefined) this.opened()
  }

  /**
   * The lane opened with half a burst (a wrong tier in Settings meets few 429s). After a burst's
   * time of answers with no 429, and no other process here on the key, most of the rest is given:
   * the server's unused half is still there (alone: 0.96 of the floor without it). Opening with
   * 0.8 sent 7.4 % of a wrong tier's requests into 429s; the wait shows two machines' 429s first.
   */
  private opened(): void {
    if (this.openingDone) return
    const now = this.options.clock.now()
    this.firstAnswerAt ??= now
    if (this.rateLimitHits > 0 || this.pacing.leased) return void (this.openingDone = true)
    if (now - this.firstAnswerAt < this.options.burstSeconds * 1000) return
    this.openingDone = true
    for (const bucket of [this.requests, this.tokens])
      bucket.refund(bucket.capacity * this.options.openingTopUp)
  }

  /** No scheduler uses the lane any more: other processes on the machine take its share. */
  private idle(): void {
    this.pacing.release()
  }

  /** A 429 rate limit: every request of this key waits until the server says. */
  pauseFor429(failure: RequestFailure): number {
    this.rateLimitHits++
    this.consecutive429++
    if (failure.kind === 'rate_limit') this.pacing.refused(this.refusedSentAt)
    const fallback = this.options.defaultRetryAfterMs * 2 ** Math.min(5, this.consecutive429 - 1)
    const wait = failure.retryAfterMs ?? fallback
    const until = this.options.clock.now() + wait
    this.pausedUntil = Math.max(this.pausedUntil, until)
    this.coolingCause = 'rate_limit'
    this.coolingLimit = failure.limit
    if (failure.limit !== 'tokens') this.requests.lowerTo(0)
    if (failure.limit !== 'requests') this.tokens.lowerTo(0)
    return this.pausedUntil
  }

  /**
   * The endpoint could not be reached. After `networkTrip` in a row the breaker opens: the whole
   * key pauses (1 s, doubling up to `networkPauseCapMs`), then sends one probe at a time. Returns
   * whether the breaker is open (the failure says nothing about the item then).
   */
  networkFailure(): boolean {
    const now = this.options.clock.now()
    const opening = this.networkStreak + 1 === this.options.networkTrip
    this.networkStreak++
    this.unreachableSince ??= now
    if (!this.breakerOpen) return false
    // Requests already in flight when it opened fail too: only the probe's failure escalates.
    if (this.probing) this.failedProbes++
    this.probing = false
    if (!opening && this.failedProbes === 0) return true
    const pause = Math.min(this.options.networkPauseCapMs, 1000 * 2 ** this.failedProbes)
    this.pausedUntil = Math.max(this.pausedUntil, now + pause)
    this.coolingCause = 'network'
    this.coolingLimit = undefined
    return true
  }

  /** How long the endpoint has been unreachable (0 when the last request got through). */
  unreachableForMs(): number {
    return this.unreachableSince === undefined
      ? 0
      : this.options.clock.now() - this.unreachableSince
  }

  /** When the key may send again (a 429 or an open breaker). */
  get pausedUntilMs(): number {
    return this.pausedUntil
  }

  private get breakerOpen(): boolean {
    return this.networkStreak >= this.options.networkTrip
  }

  /** Takes the key out of the job (quota, billing or auth). */
  /** A person resumed after fixing what stopped the key (credit added, key replaced): it sends again. */
  restart(): void {
    this.stoppedReason = undefined
  }

  stop(reason: string): void {
    this.stoppedReason ??= reason
  }

  /** In-flight cap: rate × p90 latency × margin, at least 1, at most the user's maximum. */
  concurrencyCap(): number {
    const p90 = this.latency.percentile(0.9)
    if (p90 === undefined) return this.maxConcurrency
    const perSecond = Math.min(
      this.requests.perMinute / 60,
      this.tokens.perMinute / 60 / Math.max(1, this.averageCharge)
    )
    const cap = Math.ceil(perSecond * (p90 / 1000) * LITTLE_MARGIN) + 1
    return Math.max(1, Math.min(this.maxConcurrency, cap))
  }

  /** The timeout for the next request: 8 × p95 latency within [min, max] once 10 answers are in. */
  timeoutMs(): number {
    const p95 = this.latency.count >= 10 ? this.latency.percentile(0.95) : undefined
    if (p95 === undefined) return this.options.requestTimeoutMs
    return Math.ceil(
      Math.min(this.options.requestTimeoutMs, Math.max(this.options.minTimeoutMs, p95 * 8))
    )
  }

  /**
   * A start (or a Settings change) tells the lane what Settings say now: limits that changed
   * there apply at once (the server's headers correct them again), and the in-flight maximum.
   */
  configure(limits: { rpm: number; tpm: number }, maxConcurrency: number): void {
    const { rpm, tpm } = this.configured
    if (limits.rpm !== rpm || limits.tpm !== tpm) {
      this.configured = { rpm: limits.rpm, tpm: limits.tpm }
      this.headers.limitsFrom = 'settings'
      this.setLimits(limits)
    }
    this.maxConcurrency = Math.max(1, Math.floor(maxConcurrency))
  }

  /** Changes the limits while running (Settings, or the user in the run panel). */
  setLimits(limits: { rpm?: number; tpm?: number }): void {
    if (limits.rpm) this.requests.setLimit(limits.rpm)
    if (limits.tpm) this.tokens.setLimit(limits.tpm)
  }

  snapshot(): KeySnapshot {
    const now = this.options.clock.now()
    return {
      id: this.spec.id,
      label: this.spec.label,
      rpm: this.requests.perMinute,
      tpm: this.tokens.perMinute,
      limitsFrom: this.headers.limitsFrom,
      remainingRequests: this.headers.lastReport?.remainingRequests,
      remainingTokens: this.headers.lastReport?.remainingTokens,
      coolingDownUntil: this.pausedUntil > now ? this.pausedUntil : undefined,
      coolingLimit: this.pausedUntil > now ? this.coolingLimit : undefined,
      coolingCause: this.pausedUntil > now ? this.coolingCause : undefined,
      inFlight: this.inFlight,
      concurrencyCap: this.concurrencyCap(),
      latencyP50: this.latency.percentile(0.5),
      latencyP95: this.latency.percentile(0.95),
      rateLimitHits: this.rateLimitHits,
      rateCuts: this.pacing.governor.cuts,
      pace: this.pacing.share,
      sharedOnMachine: this.pacing.leased,
      stoppedReason: this.stoppedReason
    }
  }

  /** What the headers teach; with no limit in them, the rate may probe above Settings' limit. */
  private learn(report: RateLimitReport, ticket: SendTicket): void {
    this.headers.learn(report, ticket)
    this.pacing.setProbing(this.headers.limitsFrom === 'settings')
  }
}
