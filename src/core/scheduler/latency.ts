/** The most recent request latencies of one key, for percentiles and Little's law. */
export class LatencyWindow {
  private readonly samples: number[] = []
  private sorted: number[] | null = null

  constructor(private readonly size = 200) {}

  get count(): number {
    return this.samples.length
  }

  add(ms: number): void {
    this.samples.push(ms)
    if (this.samples.length > this.size) this.samples.shift()
    this.sorted = null
  }

  /** The p-th percentile (0–1), or undefined before any sample. */
  percentile(p: number): number | undefined {
    if (this.samples.length === 0) return undefined
    this.sorted ??= [...this.samples].sort((a, b) => a - b)
    const index = Math.min(this.sorted.length - 1, Math.floor(p * this.sorted.length))
    return this.sorted[index]
  }
}
