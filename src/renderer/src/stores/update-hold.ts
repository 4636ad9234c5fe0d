/** After the last scroll event, how long updates wait for the scrolling to go on. */
export const HOLD_SETTLE_MS = 150
/** While the user keeps scrolling, updates still land this often. */
export const HOLD_MAX_MS = 1000

/**
 * Lets updates through at once, except while the queue is being scrolled: then they wait until
 * the scrolling settles (or a second has passed) and land together, in one state change and one
 * render, instead of ten renders a second competing with the scrolled frames.
 */
export class UpdateHold<T> {
  private pending: T[] = []
  private heldUntil = 0
  private firstHeldAt = 0
  private timer: ReturnType<typeof setTimeout> | null = null

  constructor(
    private readonly apply: (items: T[]) => void,
    private readonly clock: () => number = () => performance.now()
  ) {}

  /** An update: applied now, or kept while the hold lasts (in order). */
  push(item: T): void {
    const now = this.clock()
    if (this.pending.length === 0 && now >= this.heldUntil) return this.apply([item])
    if (this.pending.length === 0) this.firstHeldAt = now
    this.pending.push(item)
    this.timer ??= setTimeout(() => this.due(), this.wait(now))
  }

  /** The user scrolled: hold updates a little longer. Cheap enough for every scroll event. */
  hold(): void {
    this.heldUntil = this.clock() + HOLD_SETTLE_MS
  }

  /** Applies what is held now (the window is closing, tests). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    const items = this.pending
    this.pending = []
    if (items.length > 0) this.apply(items)
  }

  private due(): void {
    this.timer = null
    const now = this.clock()
    const wait = this.wait(now)
    if (wait > 0) this.timer = setTimeout(() => this.due(), wait)
    else this.flush()
  }

  /** Milliseconds until the held updates are due: the hold's end, at most HOLD_MAX_MS after the first. */
  private wait(now: number): number {
    return Math.max(0, Math.min(this.heldUntil, this.firstHeldAt + HOLD_MAX_MS) - now)
  }
}
