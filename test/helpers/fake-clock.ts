import type { Clock } from '../../src/core/scheduler/clock'

/** A clock whose time moves only when a test says; timers run in time order. */
export class FakeClock implements Clock {
  private time = 0
  private seq = 0
  private readonly timers = new Map<number, { at: number; callback: () => void }>()

  now(): number {
    return this.time
  }

  setTimeout(callback: () => void, ms: number): unknown {
    const id = ++this.seq
    this.timers.set(id, { at: this.time + Math.max(0, ms), callback })
    return id
  }

  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number)
  }

  /** Runs every timer due within `ms`, letting promises settle between them. */
  async advance(ms: number): Promise<void> {
    const target = this.time + ms
    for (;;) {
      await settle()
      const next = this.nextTimer()
      if (!next || next[1].at > target) break
      this.timers.delete(next[0])
      this.time = next[1].at
      next[1].callback()
    }
    this.time = target
    await settle()
  }

  /** Advances timer by timer until `promise` settles (or `limitMs` of fake time passes). */
  runUntil<T>(promise: Promise<T>, limitMs = 3_600_000): Promise<T> {
    return this.drive(promise, limitMs, null)
  }

  /** Milliseconds to the next timer, if any is set. */
  nextDueIn(): number | undefined {
    const next = this.nextTimer()
    return next ? Math.max(0, next[1].at - this.time) : undefined
  }

  /**
   * Runs until `promise` settles, jumping to each timer when one is set, but only while `busy()`
   * (a loopback server answering) says no real I/O is under way: for work that mixes timers and sockets.
   */
  runWithIo<T>(promise: Promise<T>, limitMs: number, busy: () => boolean): Promise<T> {
    return this.drive(promise, limitMs, busy)
  }

  /** Without `busy`, nothing scheduled while the promise is pending is a deadlock. */
  private async drive<T>(
    promise: Promise<T>,
    limitMs: number,
    busy: (() => boolean) | null
  ): Promise<T> {
    let settled = false
    void promise.then(
      () => (settled = true),
      () => (settled = true)
    )
    const deadline = this.time + limitMs
    while (!settled && this.time < deadline) {
      if (busy) await new Promise((resolve) => setTimeout(resolve, 1))
      await settle()
      if (settled) break
      const due = this.nextDueIn()
      if (due === undefined && !busy)
        throw new Error('Deadlock: nothing scheduled and the promise is still pending')
      if (due === undefined || busy?.()) continue
      await this.advance(due)
    }
    return promise
  }

  private nextTimer(): [number, { at: number; callback: () => void }] | undefined {
    let best: [number, { at: number; callback: () => void }] | undefined
    for (const entry of this.timers)
      if (!best || entry[1].at < best[1].at || (entry[1].at === best[1].at && entry[0] < best[0]))
        best = entry
    return best
  }
}

async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve))
}
