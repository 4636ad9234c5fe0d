import { describe, expect, it } from 'vitest'
import { RowLayout } from '../../src/renderer/src/components/row-layout'

describe('RowLayout (the queue window of fixed-height rows)', () => {
  it('places rows of one height and finds the row at an offset', () => {
    const layout = new RowLayout(100_000, 64)
    expect(layout.totalSize).toBe(6_400_000)
    expect(layout.start(10)).toBe(640)
    expect(layout.indexAt(639)).toBe(9)
    expect(layout.indexAt(640)).toBe(10)
    expect(layout.indexAt(-5)).toBe(0)
    expect(layout.indexAt(10_000_000)).toBe(99_999)
  })

  it('makes room for one taller row and shifts the rows after it', () => {
    const layout = new RowLayout(10, 64, 3, 214)
    expect(layout.totalSize).toBe(10 * 64 + 150)
    expect(layout.start(3)).toBe(192)
    expect(layout.size(3)).toBe(214)
    expect(layout.start(4)).toBe(192 + 214)
    expect(layout.indexAt(192 + 213)).toBe(3)
    expect(layout.indexAt(192 + 214)).toBe(4)
    expect(layout.indexAt(191)).toBe(2)
  })

  it('gives the rows in view with the overscan, never past either end', () => {
    const layout = new RowLayout(1000, 64)
    expect(layout.range(0, 640, 8)).toEqual({ first: 0, last: 17 })
    expect(layout.range(64 * 500, 640, 8)).toEqual({ first: 492, last: 517 })
    expect(layout.range(64 * 995, 640, 8)).toEqual({ first: 987, last: 999 })
    expect(new RowLayout(0, 64).range(0, 640, 8)).toEqual({ first: 0, last: -1 })
    const slots = layout.slots(['a', 'b', 'c'], 1, 2)
    expect(slots).toEqual([
      { index: 1, key: 'b', start: 64, size: 64 },
      { index: 2, key: 'c', start: 128, size: 64 }
    ])
  })
})
