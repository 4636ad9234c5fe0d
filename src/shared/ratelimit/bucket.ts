/**
 * A continuously refilled bucket, as OpenAI's limits behave (docs/openai.md, Limits).
 * `limit` is per minute; the bucket holds `limit × burstSeconds / 60` and refills at limit/60 per
 * second. A cost is admitted when the level covers min(cost, capacity), so a request larger than
 * one burst still passes once the bucket is full; the level then goes negative (debt).
 * The simulator enforces limits with it; the scheduler paces with it.
 */
export class ContinuousBucket {
  private level: number
  private updatedAt: number
  /** What the bucket refills at per minute: the limit, unless others are known to share it. */
  private refillPerMinute: number
  /** The share of the capacity this bucket may fill to (others on the key hold the rest). */
  private ceiling = 1
  /** A share of the limit set from outside (429s learned, a lease): above 1 while probing. */
  private cap = 1

  /** `startFraction`: how full the bucket starts (1 = full, 0 = empty: paced from the start). */
  constructor(
    private limit: number,
    private readonly burstSeconds: number,
    private readonly now: () => number,
    startFraction = 1
  ) {
    this.level = this.capacity * startFraction
    this.updatedAt = now()
    this.refillPerMinute = limit
  }

  get capacity(): number {
    return (this.limit * this.burstSeconds) / 60
  }

  get perMinute(): number {
    return this.limit
  }

  /** What it refills at now, per minute (below the limit once others are known to share it). */
  get pacePerMinute(): number {
    return Math.min(this.refillPerMinute * Math.max(1, this.cap), this.limit * this.cap)
  }

  /** The share of the fill it may reach now: the ceiling, lowered by the cap. */
  private get fillShare(): number {
    return Math.min(this.ceiling, this.cap)
  }

  /** Milliseconds until `cost` could be admitted (0 = now). */
  waitFor(cost: number): number {
    this.refill()
    const needed = Math.min(cost, this.capacity * this.fillShare)
    if (this.level >= needed) return 0
    return ((needed - this.level) / this.pacePerMinute) * 60_000
  }

  /** Takes `cost` out of the bucket (call after `waitFor(cost) === 0`). */
  take(cost: number): void {
    this.refill()
    this.level -= cost
  }

  /** Gives back what a request did not use (for example one that never reached the server). */
  refund(cost: number): void {
    this.refill()
    this.level = Math.min(this.capacity, this.level + cost)
  }

  /** What is left, expressed on the per-minute scale the headers use. */
  remaining(): number {
    this.refill()
    return Math.max(0, Math.floor((this.level / this.capacity) * this.limit))
  }

  /** What is left in the bucket's own units (a server counting against its short window says this). */
  remainingInWindow(): number {
    this.refill()
    return Math.max(0, Math.floor(this.level))
  }

  /** Milliseconds until the bucket is full again. */
  resetMs(): number {
    this.refill()
    return Math.max(0, ((this.capacity - this.level) / this.pacePerMinute) * 60_000)
  }

  /** The level now, in the bucket's own units (what `capacity` is measured in). */
  levelNow(): number {
    this.refill()
    return this.level
  }

  /** Sets the level (at most the capacity; below zero is debt). */
  setLevel(level: number): void {
    this.refill()
    this.level = Math.min(this.capacity, level)
  }

  /** Refills at this rate per minute instead of the whole limit (others take the rest). */
  setRefill(perMinute: number): void {
    this.refill()
    this.refillPerMinute = Math.max(this.limit * 0.05, Math.min(this.limit, perMinute))
  }

  /** Fills to at most this share of the capacity (a burst shared with others is smaller). */
  setCeiling(fraction: number): void {
    this.refill()
    this.ceiling = Math.max(0.05, Math.min(1, fraction))
    this.level = Math.min(this.level, this.capacity * this.ceiling)
  }

  /**
   * Paces at `share` of the limit (429s learned, or a lease with other processes): the refill
   * and the fill both follow; above 1 the refill may exceed the limit (probing one not stated).
   */
  setCap(share: number): void {
    this.refill()
    this.cap = Math.max(0.05, share)
    this.level = Math.min(this.level, this.capacity * this.fillShare)
  }

  /** Changes the per-minute limit, keeping the level within the new capacity. */
  setLimit(limit: number): void {
    this.refill()
    const fraction = this.level / this.capacity
    this.refillPerMinute = Math.max(limit * 0.05, limit - (this.limit - this.refillPerMinute))
    this.limit = limit
    this.level = Math.min(this.capacity, fraction * this.capacity)
  }

  /** Lowers the level to at most `level` (a server said less is left than we thought). */
  lowerTo(level: number): void {
    this.refill()
    this.level = Math.min(this.level, level)
  }

  private refill(): void {
    const now = this.now()
    const elapsedMinutes = (now - this.updatedAt) / 60_000
    this.level = Math.min(
      this.capacity * this.fillShare,
      this.level + elapsedMinutes * this.pacePerMinute
    )
    this.updatedAt = now
  }
}
