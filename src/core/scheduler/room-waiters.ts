/** Callers waiting for the queue to shrink below a size (the job feed's back-pressure). */
export class RoomWaiters {
  private waiters: { below: number; resolve: () => void }[] = []

  /** Resolves at once when `ready(below)` holds, else when a later `wake` finds it holds. */
  wait(below: number, ready: (below: number) => boolean): Promise<void> {
    if (ready(below)) return Promise.resolve()
    return new Promise((resolve) => this.waiters.push({ below, resolve }))
  }

  /** Resolves every waiter for which `ready` now holds. */
  wake(ready: (below: number) => boolean): void {
    this.waiters = this.waiters.filter((waiter) => {
      if (!ready(waiter.below)) return true
      waiter.resolve()
      return false
    })
  }
}
