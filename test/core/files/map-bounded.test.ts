import { describe, expect, it } from 'vitest'
import { mapBounded } from '../../../src/core/files/map-bounded'

describe('mapBounded', () => {
  it('keeps the items’ order whatever order they finish in, and never runs more than the limit at once', async () => {
    let running = 0
    let most = 0
    const settled: number[] = []
    const items = Array.from({ length: 40 }, (_, i) => i)
    const results = await mapBounded(
      items,
      6,
      async (item) => {
        running++
        most = Math.max(most, running)
        await new Promise((resolve) => setTimeout(resolve, (item * 7) % 13))
        running--
        return item * 2
      },
      (n) => settled.push(n)
    )
    expect(results).toEqual(items.map((i) => i * 2))
    expect(most).toBe(6)
    expect(settled).toEqual(items.map((i) => i + 1))
  })

  it('maps nothing to nothing', async () => {
    expect(await mapBounded([], 8, async () => 1)).toEqual([])
  })
})
