/** A once-a-second timer that runs only while something runs. */
export class Ticker {
  private timer: ReturnType<typeof setInterval> | null = null

  constructor(
    private readonly tick: () => void,
    private readonly intervalMs = 1000
  ) {}

  running(on: boolean): void {
    if (on && !this.timer) this.timer = setInterval(this.tick, this.intervalMs)
    if (!on && this.timer) {
      clearInterval(this.timer)
      this.timer = null
    }
  }
}
