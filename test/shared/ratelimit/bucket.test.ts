import { describe, expect, it } from 'vitest'
import { ContinuousBucket } from '@shared/ratelimit/bucket'
import { manualClock } from '../../helpers/sim-client'

describe('ContinuousBucket', () => {
  it('holds one second of a 600/min limit with a one-second burst, refilled continuously', () => {
    const clock = manualClock()
    const bucket = new ContinuousBucket(600, 1, clock.now)
    expect(bucket.capacity).toBe(10)
    for (let i = 0; i < 10; i++) {
      expect(bucket.waitFor(1)).toBe(0)
      bucket.take(1)
    }
    expect(bucket.waitFor(1)).toBeCloseTo(100)
    clock.advance(100)
    expect(bucket.waitFor(1)).toBe(0)
  })

  it('holds a whole minute with a 60-second burst', () => {
    const bucket = new ContinuousBucket(60, 60, manualClock().now)
    for (let i = 0; i < 60; i++) bucket.take(1)
    expect(bucket.remaining()).toBe(0)
    expect(bucket.resetMs()).toBeCloseTo(60_000)
  })

  it('admits a request larger than one burst once full, then goes into debt', () => {
    const clock = manualClock()
    const bucket = new ContinuousBucket(60_000, 1, clock.now)
    expect(bucket.waitFor(5000)).toBe(0)
    bucket.take(5000)
    expect(bucket.waitFor(5000)).toBeCloseTo(5000)
    clock.advance(5000)
    expect(bucket.waitFor(5000)).toBe(0)
  })

  it('reports remaining on the per-minute scale', () => {
    const bucket = new ContinuousBucket(600, 1, manualClock().now)
    bucket.take(5)
    expect(bucket.remaining()).toBe(300)
  })
})

describe('ContinuousBucket corrections', () => {
  it('changes its limit while keeping the same fraction full', () => {
    const clock = manualClock()
    const bucket = new ContinuousBucket(600, 1, clock.now)
    bucket.take(5)
    bucket.setLimit(150)
    expect(bucket.capacity).toBe(2.5)
    expect(bucket.waitFor(1.25)).toBe(0)
    expect(bucket.waitFor(2.5)).toBeCloseTo(500)
  })

  it('lowers its level when told less is left, and never raises it that way', () => {
    const bucket = new ContinuousBucket(60, 60, manualClock().now)
    bucket.lowerTo(10)
    expect(bucket.remaining()).toBe(10)
    bucket.lowerTo(50)
    expect(bucket.remaining()).toBe(10)
    bucket.refund(5)
    expect(bucket.remaining()).toBe(15)
  })
})
