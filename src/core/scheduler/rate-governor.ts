/** A cut keeps this share of the rate (a 429 while our own count said there was room). */
const CUT = 0.7
/** Never below this share of the limit. */
const FLOOR = 0.05
/** Below the rate of the last cut: back up quickly (per second). */
const RECOVER_PER_SECOND = 0.12
/** At or above it: a slow probe that doubles every `PROBE_DOUBLING_MS` without a 429. */
const PROBE_PER_SECOND = 0.005
const PROBE_DOUBLING_MS = 3000
const PROBE_MAX_PER_SECOND = 0.1
/** Quick recovery stops this far below the rate of the last cut; from there it probes. */
const BELOW_PEAK = 0.9
/** Above the limit (no header states it): a slow, steady probe. */
const ABOVE_LIMIT_PER_SECOND = 0.01
/** With no limit headers, how far above the configured limit probing may go. */
export const PROBE_CEILING = 2
/** A cut above the limit shows the real limit is lower: probing stops this far below that level. */
const FOUND_LIMIT = 0.9
/** A probe above the limit that met a 429 goes back to this share (the limit worked before it). */
const AFTER_PROBE = 0.97

/**
 * How much of a key's limit this process uses, learned from 429s (AIMD, shaped like TCP CUBIC):
 * a 429 that came although our own count said there was room means someone else uses the key,
 * so the rate is cut; answers without 429s raise it again, quickly up to where the last cut
 * happened, then slowly and faster the longer no 429 comes. One cut per congestion event:
 * 429s for requests sent before the last cut are the same event.
 */
export class RateGovernor {
  /** The share of the limit we pace at (above 1 only while probing a limit no header states). */
  private factor = 1
  private lastCutAt = Number.NEGATIVE_INFINITY
  /** The share at the last cut: recovery is quick up to it. */
  private peak = 1
  private updatedAt: number
  /** When the probe above the peak began (its growth doubles with time). */
  private probeSince?: number
  private ceiling = 1
  /** How many cuts 429s made. */
  cuts = 0

  constructor(private readonly now: () => number) {
    this.updatedAt = now()
  }

  /** The share of the limit to pace at now. */
  get share(): number {
    return this.factor
  }

  /** Whether limits are known (headers) or probed (none): probing may go above the limit. */
  setProbing(probing: boolean): void {
    this.ceiling = probing ? PROBE_CEILING : 1
    this.factor = Math.min(this.factor, this.ceiling)
  }

  /** A 429 for a request sent at `sentAt`; returns whether it cut the rate. */
  refused(sentAt: number): boolean {
    this.grow()
    if (sentAt <= this.lastCutAt) return false
    this.peak = this.factor
    if (this.factor > 1) {
      // Probing past the limit found the real one: back to just under what worked before.
      this.ceiling = Math.max(1, this.factor * FOUND_LIMIT)
      this.factor = Math.min(this.factor * CUT, AFTER_PROBE)
    } else this.factor = Math.max(FLOOR, this.factor * CUT)
    this.lastCutAt = this.now()
    this.probeSince = undefined
    this.cuts++
    return true
  }

  /** An answer came (no 429): the rate grows with the time it ran since the last update. */
  answered(): void {
    this.grow()
  }

  private grow(): void {
    const now = this.now()
    // Time without answers is not evidence of room: at most a second counts per update.
    const seconds = Math.min(1, Math.max(0, now - this.updatedAt) / 1000)
    this.updatedAt = now
    if (this.factor >= this.ceiling) return
    const target = Math.min(this.peak * BELOW_PEAK, this.ceiling)
    if (this.factor < target) {
      this.factor = Math.min(target, this.factor + RECOVER_PER_SECOND * seconds)
      return
    }
    if (this.factor >= 1) {
      this.factor = Math.min(this.ceiling, this.factor + ABOVE_LIMIT_PER_SECOND * seconds)
      return
    }
    this.probeSince ??= now
    const doublings = (now - this.probeSince) / PROBE_DOUBLING_MS
    const perSecond = Math.min(PROBE_MAX_PER_SECOND, PROBE_PER_SECOND * 2 ** doublings)
    this.factor = Math.min(1, this.factor + perSecond * seconds)
  }
}
