import {
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
  type Dispatch,
  type RefObject,
  type SetStateAction
} from 'react'
import { flushSync } from 'react-dom'
import { RowLayout, type RowSlot } from './row-layout'

/** The rows of a scrolled list that are in view (and a few around them), and its full height. */
export interface RowWindow {
  slots: RowSlot[]
  totalSize: number
}

export interface RowWindowOptions {
  ids: readonly string[]
  scroller: RefObject<HTMLElement | null>
  rowHeight: number
  /** One row taller than the rest (the one being edited), if any. */
  tall?: { id: string; height: number } | null
  overscan?: number
  /** While true, scrolling renders nothing (a fling: the list is covered); after it, the rows in view. */
  frozen?: boolean
  /** Asked at each scroll: true renders nothing for it (a fling that starts with this scroll). */
  freezes?: () => boolean
}

/**
 * A windowed list of fixed-height rows: only the rows in view are rendered. A scroll renders
 * (synchronously, so rows never lag the scrollbar) only when the rows in view change; a longer
 * list costs nothing more to lay out, which matters while a 100,000-photo folder is walked.
 */
export function useRowWindow({
  ids,
  scroller,
  rowHeight,
  tall,
  overscan = 8,
  frozen = false,
  freezes
}: RowWindowOptions): RowWindow {
  const tallIndex = tall ? ids.indexOf(tall.id) : -1
  const layout = useMemo(
    () => new RowLayout(ids.length, rowHeight, tallIndex, tall?.height),
    [ids.length, rowHeight, tallIndex, tall?.height]
  )
  const [viewport, setViewport] = useState(unmeasured)
  const { first, last } = layout.range(viewport.top, viewport.height, overscan)
  // The list's element appears with its first row (an empty list shows a message instead).
  useViewport(scroller, ids.length > 0, setViewport, (next) => {
    if (frozen || freezes?.()) return false
    const range = layout.range(next.top, next.height, overscan)
    return range.first !== first || range.last !== last
  })
  useThaw(frozen, () => {
    const element = scroller.current
    if (element) setViewport({ top: element.scrollTop, height: element.clientHeight })
  })
  return { slots: layout.slots(ids, first, last), totalSize: layout.totalSize }
}

type Viewport = { top: number; height: number }

const same = (a: Viewport, b: Viewport): boolean => a.top === b.top && a.height === b.height

/**
 * A new list's view before it is laid out: at its top, no taller than the window. Reading its
 * size would lay the page out inside the task that renders the first rows (one long task of
 * both, 50–80 ms for a dropped folder on a busy two-core machine); the resize observer reports
 * it once the frame lays it out, before paint. Without an observer (jsdom), it is read.
 */
function unmeasured(): Viewport {
  return { top: 0, height: typeof ResizeObserver === 'undefined' ? 0 : window.innerHeight }
}

/**
 * Follows the element's scroll position and height. A scroll sets the viewport (synchronously,
 * so rows never lag the scrollbar) only when `changesRows` says the rows in view change.
 */
function useViewport(
  scroller: RefObject<HTMLElement | null>,
  present: boolean,
  setViewport: Dispatch<SetStateAction<Viewport>>,
  changesRows: (viewport: Viewport) => boolean
): void {
  // The latest render's check: it knows the rows that render shows.
  const check = useRef(changesRows)
  check.current = changesRows
  useLayoutEffect(() => {
    const element = scroller.current
    if (!element) return
    const read = (): Viewport => ({ top: element.scrollTop, height: element.clientHeight })
    const observing = typeof ResizeObserver !== 'undefined'
    const settle = (next: Viewport): void => setViewport((now) => (same(now, next) ? now : next))
    settle(observing ? unmeasured() : read())
    const onScroll = (): void => {
      const next = read()
      if (check.current(next)) flushSync(() => setViewport(next))
    }
    element.addEventListener('scroll', onScroll, { passive: true })
    const resize = observing ? new ResizeObserver(() => settle(read())) : null
    resize?.observe(element)
    return () => {
      element.removeEventListener('scroll', onScroll)
      resize?.disconnect()
    }
  }, [scroller, present, setViewport])
}

/** Calls `thawed` (before paint) when `frozen` turns false. */
function useThaw(frozen: boolean, thawed: () => void): void {
  const was = useRef(frozen)
  const latest = useRef(thawed)
  latest.current = thawed
  useLayoutEffect(() => {
    if (was.current && !frozen) latest.current()
    was.current = frozen
  }, [frozen])
}
