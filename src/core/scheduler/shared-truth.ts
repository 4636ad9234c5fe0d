import type { ContinuousBucket } from '@shared/ratelimit/bucket'

/** At most this share of a limit is thought taken by others: we always keep some. */
const MAX_OTHERS = 0.9
/** What a process sharing a key uses of what it thinks is left to it. */
const SHARED_MARGIN = 0.9
/** Reports at least this far apart measure what others took in between. */
const WINDOW_MS = 1000
/** A report this full says the key has room. */
const ROOMY = 0.8

/** A request of ours as the estimate counts it: its place in send order, its charge, whether it was refused. */
export interface Sent {
  seq: number
  sentAt: number
  charge: number
  refused?: boolean
}

interface Anchor {
  at: number
  level: number
  seq: number
}

/**
 * A key's remaining count, as the server's headers report it, taken as the truth every user of
 * the key shares. Another process on the same key (the CLI beside the window) shows in it: over
 * a window, the server took (refill − change in remaining); what of that was not ours, others
 * took. The bucket then refills, and fills, only with what they leave (less a margin), and a
 * report lowers it to what the server had left less our requests sent since.
 */
export class SharedTruth {
  /** What others take, in the bucket's units (requests or tokens) per millisecond. */
  private othersPerMs = 0
  /** What the last window measured others took (per millisecond; below zero: noise). */
  private lastMeasured = 0
  private anchor?: Anchor

  /**
   * `chargesFitBurst`: every charge fits in one burst (requests, one each), so the server's level
   * never goes below zero and an empty report is exact; tokens can owe (one big request admitted
   * on a full bucket), and an empty report may hide how much.
   */
  constructor(
    private readonly bucket: ContinuousBucket,
    private readonly now: () => number,
    private readonly chargesFitBurst = false
  ) {}

  /** What others are thought to take per minute. */
  get othersPerMinute(): number {
    return this.othersPerMs * 60_000
  }

  /**
   * A report: `remaining` of `limit` (the header's per-minute scale) for request `seq`, admitted
   * about `sentAt`; `sends`: our requests from the anchor on, to count what was ours.
   */
  apply(
    remaining: number,
    limit: number,
    sentAt: number,
    seq: number,
    sends: readonly Sent[]
  ): void {
    const { capacity, perMinute } = this.bucket
    const level = (remaining / limit) * capacity
    this.measureOthers({ at: sentAt, level, seq }, sends)
    const left = replay(level, sentAt, this.now(), capacity, perMinute / 60_000, sends, seq)
    this.bucket.setLevel(Math.min(this.bucket.levelNow(), left))
  }

  private measureOthers(report: Anchor, sends: readonly Sent[]): void {
    const anchor = this.anchor
    if (!anchor || report.seq <= anchor.seq) return void (this.anchor ??= report)
    const elapsed = report.at - anchor.at
    if (elapsed < WINDOW_MS) return
    // Nothing left may hide debt (a big request admitted on a full bucket): no measure then.
    const mayOwe = !this.chargesFitBurst && (report.level <= 0 || anchor.level <= 0)
    if (mayOwe) return void (this.anchor = report)
    const fullPerMs = this.bucket.perMinute / 60_000
    const serverTook = fullPerMs * elapsed - (report.level - anchor.level)
    const ours = charged(sends, (s) => s.seq > anchor.seq && s.seq <= report.seq)
    // A bucket found nearly full wasted refill, and had room: nobody is short, so take more.
    const full = report.level > ROOMY * this.bucket.capacity
    // Others count only when two windows in a row saw them, unclipped: a report taken a little
    // early or late makes one window's measure too high and the next too low, and the window
    // around a job's opening burst reads high. Kept one by one, clipped at zero, those made a run
    // alone on its key see "others" in its own timing (0.936 of the floor, `remaining` per minute).
    const measured = full ? 0 : (serverTook - ours) / elapsed
    const others = Math.min(measured, this.lastMeasured)
    this.lastMeasured = measured
    const averaged = (this.othersPerMs + others) / 2
    this.othersPerMs = Math.max(0, Math.min(MAX_OTHERS * fullPerMs, averaged))
    this.anchor = report
    this.refill()
  }

  /** The oldest send the estimate still needs (older ones can be forgotten). */
  get anchorSeq(): number {
    return this.anchor?.seq ?? Number.POSITIVE_INFINITY
  }

  private refill(): void {
    const { perMinute } = this.bucket
    // Under 5 % of the limit, "others" are the reports' own timing noise: the whole rate is ours.
    const shared = this.othersPerMinute > perMinute * 0.05
    const share = shared ? SHARED_MARGIN * (1 - this.othersPerMinute / perMinute) : 1
    this.bucket.setRefill(perMinute * share)
    // After a pause the bucket fills up again; shared, only to our share of the burst.
    this.bucket.setCeiling(share)
  }
}

/**
 * The server's bucket from the report until now: refilled over time (never above capacity), less
 * each of our requests sent after the reported one, in the order they left.
 */
function replay(
  level: number,
  from: number,
  to: number,
  capacity: number,
  refillPerMs: number,
  sends: readonly Sent[],
  afterSeq: number
): number {
  let at = from
  for (const sent of sends) {
    if (sent.seq <= afterSeq || sent.refused) continue
    level = Math.min(capacity, level + refillPerMs * Math.max(0, sent.sentAt - at)) - sent.charge
    at = Math.max(at, sent.sentAt)
  }
  return Math.min(capacity, level + refillPerMs * Math.max(0, to - at))
}

function charged(sends: readonly Sent[], pick: (sent: Sent) => boolean): number {
  return sends.reduce((sum, s) => (pick(s) && !s.refused ? sum + s.charge : sum), 0)
}
