import { describe, expect, it } from 'vitest'
import {
  bodySent,
  imageLanes,
  learnLimit,
  nextLane,
  takeImage
} from '../../../src/core/studio/image-lanes'

/** Images admitted at once after a long quiet spell: a lane's burst. */
function volley(lane: ReturnType<typeof imageLanes>[number], now: number): number {
  let n = 0
  while (nextLane([lane], now)!.waitMs === 0 && n < 100) {
    takeImage(lane, 0)
    n++
  }
  return n
}

describe('image lanes', () => {
  it('keep a burst of one image when the headers teach a higher limit (no volley after a pause)', () => {
    let now = 0
    const [lane] = imageLanes([{ id: 'k', apiKey: 'sk', ipm: 6 }], () => now)
    takeImage(lane, 0)
    learnLimit(lane, 240)
    now += 60_000
    expect(volley(lane, now)).toBe(1)
    // …and then one every quarter second (240 a minute, a hair under).
    now += 250
    expect(nextLane([lane], now)!.waitMs).toBeLessThan(5)
  })

  it('let an upload slower than the quickest delay the next image by the difference', () => {
    let now = 0
    const [lane] = imageLanes([{ id: 'k', apiKey: 'sk', ipm: 60 }], () => now)
    // The first photo uploads in 10 ms (the first waits its whole upload: the next may be instant).
    takeImage(lane, 0)
    now = 10
    bodySent(lane, 10)
    now = 1000
    expect(nextLane([lane], now)!.waitMs).toBeGreaterThan(15)
    now = 1025
    expect(nextLane([lane], now)!.waitMs).toBe(0)
    takeImage(lane, 0)
    // It took 400 ms to arrive: the one after waits 390 ms more, or it could land early.
    now = 1425
    bodySent(lane, 400)
    now = 2036
    expect(nextLane([lane], now)!.waitMs).toBeGreaterThan(350)
    now = 2430
    expect(nextLane([lane], now)!.waitMs).toBe(0)
  })
})
