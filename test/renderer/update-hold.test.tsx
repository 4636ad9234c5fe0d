import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { LimitSample } from '@shared/domain/run-view'
import { createWorkspaceStore } from '../../src/renderer/src/stores/workspace-store'
import { HOLD_MAX_MS, HOLD_SETTLE_MS, UpdateHold } from '../../src/renderer/src/stores/update-hold'

describe('UpdateHold (row updates while the queue is scrolled)', () => {
  let now = 0
  let applied: number[][]
  let hold: UpdateHold<number>
  beforeEach(() => {
    vi.useFakeTimers()
    now = 0
    applied = []
    hold = new UpdateHold<number>(
      (items) => applied.push(items),
      () => now
    )
  })
  afterEach(() => vi.useRealTimers())
  const advance = (ms: number): void => {
    now += ms
    vi.advanceTimersByTime(ms)
  }

  it('applies each update at once when nobody scrolls', () => {
    hold.push(1)
    hold.push(2)
    expect(applied).toEqual([[1], [2]])
  })

  it('keeps updates while scrolling and applies them together, in order, once it settles', () => {
    hold.hold()
    hold.push(1)
    advance(50)
    hold.push(2)
    expect(applied).toEqual([])
    advance(HOLD_SETTLE_MS)
    expect(applied).toEqual([[1, 2]])
    hold.push(3)
    expect(applied).toEqual([[1, 2], [3]])
  })

  it('lets held updates land at least once a second while the scrolling goes on', () => {
    hold.hold()
    hold.push(1)
    for (let t = 0; t < HOLD_MAX_MS - 100; t += 100) {
      advance(100)
      hold.hold()
      hold.push(t)
    }
    expect(applied).toEqual([])
    advance(100)
    hold.hold()
    expect(applied).toHaveLength(1)
    expect(applied[0]).toHaveLength(10)
  })

  it('the window store holds what it receives while the queue scrolls, then applies it in order', () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] })
    const store = createWorkspaceStore()
    const sample = (at: number): LimitSample => ({
      at,
      requests: 1,
      tokens: 1,
      rateLimited: 0,
      rpm: 1,
      tpm: 1
    })
    store.getState().receive({ history: [sample(1)] }, performance.now())
    expect(store.getState().history.map((h) => h.at)).toEqual([1])
    store.getState().holdUpdates()
    store.getState().receive({ history: [sample(2)] }, performance.now())
    store.getState().receive({ history: [sample(3)] }, performance.now())
    expect(store.getState().history.map((h) => h.at)).toEqual([1])
    vi.advanceTimersByTime(HOLD_SETTLE_MS)
    expect(store.getState().history.map((h) => h.at)).toEqual([1, 2, 3])
  })
})
