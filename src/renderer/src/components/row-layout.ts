/** One row of a windowed list as placed: its index, key, top and height in pixels. */
export interface RowSlot {
  index: number
  key: string
  start: number
  size: number
}

/**
 * Rows of one height with at most one taller row (the one being edited): where each starts and
 * which is at a given offset, in constant time, so 100,000 rows cost nothing to lay out.
 */
export class RowLayout {
  private readonly extra: number

  constructor(
    readonly count: number,
    readonly rowHeight: number,
    /** The taller row's index, or -1. */
    readonly tallIndex = -1,
    readonly tallHeight = rowHeight
  ) {
    this.extra = tallIndex >= 0 && tallIndex < count ? tallHeight - rowHeight : 0
  }

  get totalSize(): number {
    return this.count * this.rowHeight + this.extra
  }

  start(index: number): number {
    return index * this.rowHeight + (this.extra && index > this.tallIndex ? this.extra : 0)
  }

  size(index: number): number {
    return index === this.tallIndex ? this.tallHeight : this.rowHeight
  }

  /** The row at `offset` pixels from the top (clamped to the rows there are). */
  indexAt(offset: number): number {
    const tallStart = this.tallIndex * this.rowHeight
    let index: number
    if (!this.extra || offset < tallStart) index = Math.floor(offset / this.rowHeight)
    else if (offset < tallStart + this.tallHeight) index = this.tallIndex
    else index = Math.floor((offset - this.extra) / this.rowHeight)
    return Math.min(Math.max(0, index), Math.max(0, this.count - 1))
  }

  /** The first and last rows to render for a viewport, `overscan` more on each side. */
  range(top: number, height: number, overscan: number): { first: number; last: number } {
    if (this.count === 0) return { first: 0, last: -1 }
    return {
      first: Math.max(0, this.indexAt(top) - overscan),
      last: Math.min(this.count - 1, this.indexAt(top + Math.max(0, height - 1)) + overscan)
    }
  }

  slots(ids: readonly string[], first: number, last: number): RowSlot[] {
    const slots: RowSlot[] = []
    for (let index = first; index <= last; index++)
      slots.push({ index, key: ids[index], start: this.start(index), size: this.size(index) })
    return slots
  }
}
