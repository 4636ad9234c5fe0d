import { act, cleanup, fireEvent, render } from '@testing-library/react'
import { useRef } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { RowSkeleton } from '../../src/renderer/src/components/RowSkeleton'
import { RowSlots } from '../../src/renderer/src/components/RowSlots'
import { useRowWindow } from '../../src/renderer/src/components/useRowWindow'
import {
  PaceFollower,
  paceOf,
  type ScrollPace
} from '../../src/renderer/src/features/queue/useFastScroll'

afterEach(() => {
  cleanup()
  vi.useRealTimers()
})

describe('how fast the queue moves', () => {
  it('is still, fast (sketched rows) or flying (a still picture of blank rows) by pixels per millisecond', () => {
    expect(paceOf(30, 16)).toBe('still')
    expect(paceOf(-60, 16)).toBe('fast')
    expect(paceOf(600, 16)).toBe('flying')
    expect(paceOf(600, 0)).toBe('flying')
  })

  it('rises at once, and after a fling comes down a step at a time once the list stops', () => {
    vi.useFakeTimers()
    const shown: ScrollPace[] = []
    const follower = new PaceFollower(0, 0, (pace) => shown.push(pace))
    for (let frame = 1; frame <= 10; frame++) follower.scrolled(frame * 600, frame * 16)
    expect(shown).toEqual(['flying'])
    vi.advanceTimersByTime(149)
    expect(shown).toEqual(['flying'])
    vi.advanceTimersByTime(1)
    expect(shown).toEqual(['flying', 'fast'])
    vi.advanceTimersByTime(50)
    expect(shown).toEqual(['flying', 'fast', 'still'])
    vi.advanceTimersByTime(1000)
    expect(shown).toHaveLength(3)
  })

  it('takes the first scroll after a pause as a jump: 600 px is fast, a wheel notch is not', () => {
    const shown: ScrollPace[] = []
    const follower = new PaceFollower(0, 0, (pace) => shown.push(pace))
    follower.scrolled(100, 60_000)
    expect(shown).toEqual([])
    follower.scrolled(700, 120_000)
    expect(shown).toEqual(['fast'])
    follower.stop()
  })

  it('comes down while still moving once it has gone slower for a while', () => {
    vi.useFakeTimers()
    const shown: ScrollPace[] = []
    const follower = new PaceFollower(0, 0, (pace) => shown.push(pace))
    follower.scrolled(600, 16)
    // Then 4 px/ms (fast, not flying) for 200 ms, an event a frame.
    for (let at = 32, top = 664; at <= 216; at += 16, top += 64) follower.scrolled(top, at)
    expect(shown).toEqual(['flying', 'fast'])
    follower.stop()
  })
})

function List({
  frozen,
  placeholders,
  freezes
}: {
  frozen: boolean
  placeholders: boolean
  freezes?: () => boolean
}) {
  const scroller = useRef<HTMLDivElement>(null)
  const ids = Array.from({ length: 1000 }, (_, i) => `r${i}`)
  const rows = useRowWindow({ ids, scroller, rowHeight: 64, overscan: 0, frozen, freezes })
  return (
    <div>
      <div ref={scroller} data-testid="list">
        <RowSlots rows={rows} render={(id) => <span>{id}</span>} />
      </div>
      <RowSkeleton scroller={scroller} shown={placeholders} />
    </div>
  )
}

describe('a list flung past', () => {
  it('renders nothing while frozen, keeps the rows it had, and shows the rows in view after', () => {
    const { getByTestId, rerender } = render(<List frozen={false} placeholders={false} />)
    const list = getByTestId('list')
    Object.defineProperty(list, 'clientHeight', { value: 128, configurable: true })
    let top = 0
    Object.defineProperty(list, 'scrollTop', { get: () => top, configurable: true })
    const shownRows = () => [...list.querySelectorAll('.row-slot')].map((e) => e.textContent)
    const skeleton = () => list.parentElement!.querySelector<HTMLElement>('.row-skeleton')!
    act(() => void fireEvent(window, new Event('resize')))
    rerender(<List frozen placeholders />)
    const before = shownRows()
    top = 64 * 500
    fireEvent.scroll(list)
    expect(shownRows()).toEqual(before)
    expect(skeleton().dataset.shown).toBe('true')
    rerender(<List frozen={false} placeholders={false} />)
    expect(shownRows()).toEqual(['r500', 'r501'])
    expect(skeleton().dataset.shown).toBe('false')
  })

  it('renders nothing for the scroll a fling starts with, before the fling is rendered', () => {
    let flying = false
    const freezes = () => flying
    const { getByTestId } = render(<List frozen={false} placeholders={false} freezes={freezes} />)
    const list = getByTestId('list')
    Object.defineProperty(list, 'clientHeight', { value: 128, configurable: true })
    let top = 0
    Object.defineProperty(list, 'scrollTop', { get: () => top, configurable: true })
    const shownRows = () => [...list.querySelectorAll('.row-slot')].map((e) => e.textContent)
    top = 64
    fireEvent.scroll(list)
    expect(shownRows()).toEqual(['r1', 'r2'])
    flying = true
    top = 64 * 300
    fireEvent.scroll(list)
    expect(shownRows()).toEqual(['r1', 'r2'])
  })
})
