import { afterEach, describe, expect, it, vi } from 'vitest'
import { HeaderQueue } from '../../../src/main/workspace/header-queue'
import { BusyThrottle } from '../../../src/main/workspace/busy-throttle'

describe('HeaderQueue (headers waiting to be read)', () => {
  it('gives the ones ahead first, each line in order, and each once', () => {
    const queue = new HeaderQueue<number>()
    for (let i = 0; i < 10_000; i++) queue.push(i, i % 16 === 0)
    expect(queue.size).toBe(10_000)
    const taken: number[] = []
    for (let item = queue.next(); item !== undefined; item = queue.next()) taken.push(item)
    const ahead = taken.slice(0, 625)
    expect(ahead.every((i) => i % 16 === 0)).toBe(true)
    expect(ahead).toEqual([...ahead].sort((a, b) => a - b))
    expect(new Set(taken).size).toBe(10_000)
    expect(taken.slice(625)).toEqual([...taken.slice(625)].sort((a, b) => a - b))
    expect(queue.size).toBe(0)
  })

  it('takes 200,000 in far less time than shifting an array would (no copying per item)', () => {
    const queue = new HeaderQueue<number>()
    for (let i = 0; i < 200_000; i++) queue.push(i, false)
    let sum = 0
    for (let item = queue.next(); item !== undefined; item = queue.next()) sum += item
    expect(sum).toBe((199_999 * 200_000) / 2)
  })
})

describe('BusyThrottle (the draft estimate)', () => {
  afterEach(() => vi.useRealTimers())

  it('folds calls into one run per wait, and waits longer after a slow run', () => {
    vi.useFakeTimers()
    let now = 0
    const throttle = new BusyThrottle(250, 0.2, () => now)
    let runs = 0
    // 200 ms of work, as a 100,000-photo estimate took
    const slow = (): void => {
      runs++
      now += 200
    }
    throttle.later(slow)
    throttle.later(slow)
    vi.advanceTimersByTime(250)
    expect(runs).toBe(1)
    throttle.later(slow)
    vi.advanceTimersByTime(799)
    expect(runs).toBe(1)
    vi.advanceTimersByTime(1)
    expect(runs).toBe(2)
  })

  it('cancel drops the pending run', () => {
    vi.useFakeTimers()
    const throttle = new BusyThrottle()
    let runs = 0
    throttle.later(() => runs++)
    throttle.cancel()
    vi.advanceTimersByTime(1000)
    expect(runs).toBe(0)
  })
})
