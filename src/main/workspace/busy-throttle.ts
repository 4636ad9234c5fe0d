/**
 * Runs work again at most every `minMs`, or less often when it takes long, so that it takes at
 * most `share` of the time. The draft's estimate goes over every photo: with 100,000 it took a
 * fifth of a second, and four a second kept the header reads it waits for from running.
 */
export class BusyThrottle {
  private timer: ReturnType<typeof setTimeout> | null = null
  private tookMs = 0

  constructor(
    private readonly minMs = 250,
    private readonly share = 0.2,
    private readonly clock: () => number = () => performance.now()
  ) {}

  /** Runs `work` once the wait is over; calls before then are folded into that one run. */
  later(work: () => void): void {
    this.timer ??= setTimeout(
      () => {
        this.timer = null
        const started = this.clock()
        work()
        this.tookMs = this.clock() - started
      },
      Math.max(this.minMs, this.tookMs * (1 / this.share - 1))
    )
  }

  cancel(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
  }
}
