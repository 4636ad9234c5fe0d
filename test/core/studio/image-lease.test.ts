import { mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import {
  imageLanes,
  nextLane,
  releaseLease,
  takeImage,
  type ImageLane
} from '../../../src/core/studio/image-lanes'
import { FileLeaseBoard } from '../../../src/core/scheduler/key-lease'

/** Images admitted on each set of lanes over `seconds` of a shared fake clock. */
function admitted(sets: ImageLane[][], clock: { now: number }, seconds: number): number[] {
  const counts = sets.map(() => 0)
  const end = clock.now + seconds * 1000
  while (clock.now < end) {
    let soonest = Infinity
    sets.forEach((lanes, i) => {
      const next = nextLane(lanes, clock.now)!
      if (next.waitMs <= 0) {
        takeImage(next.lane, 0)
        counts[i]++
      } else soonest = Math.min(soonest, next.waitMs)
    })
    if (soonest !== Infinity) clock.now += Math.max(1, soonest)
  }
  return counts
}

describe('image lanes split a key and model between the processes of one machine', () => {
  it('two runs on one key each take half of its images per minute, and all of it once alone', () => {
    const clock = { now: 0 }
    const dir = mkdtempSync(join(tmpdir(), 'photoscribe-image-lease-'))
    const run = (): ImageLane[] => {
      const board = new FileLeaseBoard(dir, () => clock.now)
      return imageLanes([{ id: 'k1', apiKey: 'sk-same', ipm: 60 }], () => clock.now, 0, () =>
        board.hold('key-gpt-image-1')
      )
    }
    const first = run()
    const second = run()
    const together = admitted([first, second], clock, 60)
    // 60 images a minute between them, not 60 each (a second's start before the leases meet)
    expect(together[0] + together[1]).toBeGreaterThanOrEqual(56)
    expect(together[0] + together[1]).toBeLessThanOrEqual(64)
    expect(Math.abs(together[0] - together[1])).toBeLessThanOrEqual(3)
    first.forEach(releaseLease)
    const alone = admitted([second], clock, 60)
    expect(alone[0]).toBeGreaterThanOrEqual(57)
  })

  it('without a lease board a lane paces at its whole limit', () => {
    const clock = { now: 0 }
    const lanes = imageLanes([{ id: 'k1', apiKey: 'sk', ipm: 60 }], () => clock.now)
    expect(admitted([lanes], clock, 60)[0]).toBeGreaterThanOrEqual(59)
  })
})
