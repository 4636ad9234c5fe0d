/**
 * Photos whose headers wait to be read. Some go ahead of the rest (every 16th found, so the
 * estimate samples the whole folder early). Taking the next is constant time: an array's
 * `shift` copies what is left, and with 100,000 photos queued that copying was most of the
 * window's time while a folder was read.
 */
export class HeaderQueue<T> {
  private readonly ahead = new Line<T>()
  private readonly rest = new Line<T>()

  get size(): number {
    return this.ahead.size + this.rest.size
  }

  push(item: T, goesAhead: boolean): void {
    ;(goesAhead ? this.ahead : this.rest).push(item)
  }

  next(): T | undefined {
    return this.ahead.size > 0 ? this.ahead.next() : this.rest.next()
  }
}

/** First in, first out, over an array with a moving head that is cut off now and then. */
class Line<T> {
  private items: T[] = []
  private head = 0

  get size(): number {
    return this.items.length - this.head
  }

  push(item: T): void {
    this.items.push(item)
  }

  next(): T | undefined {
    if (this.head >= this.items.length) return undefined
    const item = this.items[this.head++]
    if (this.head >= 4096 && this.head * 2 >= this.items.length) {
      this.items = this.items.slice(this.head)
      this.head = 0
    }
    return item
  }
}
