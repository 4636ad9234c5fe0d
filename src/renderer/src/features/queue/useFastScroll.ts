import { useCallback, useEffect, useRef, useState, type RefObject } from 'react'

/**
 * How fast the queue moves: `still`, `fast` (rows appear as sketches: no photos, no buttons) or
 * `flying` (a fling, a dragged scrollbar: a still picture of blank rows covers the list, and
 * nothing renders until the list slows down).
 */
export type ScrollPace = 'still' | 'fast' | 'flying'

/** Faster than this (px per ms), rows that appear are sketched. */
const FAST = 2
/**
 * Faster than this (px per ms: some 90 rows a second), rows are a still picture. No name can be read
 * at that speed, and rendering a dozen rows a frame was most of each frame's work.
 */
const FLYING = 6
const SETTLE_MS = 150
const FIRST_SCROLL_MS = 100
/** After a fling, how long rows stay sketches before they are filled in. */
const FILL_IN_MS = 50

/** The pace a scroll of `px` over `ms` is. */
export function paceOf(px: number, ms: number): ScrollPace {
  const speed = Math.abs(px) / Math.max(1, ms)
  return speed > FLYING ? 'flying' : speed > FAST ? 'fast' : 'still'
}

const RANK: Record<ScrollPace, number> = { still: 0, fast: 1, flying: 2 }

/**
 * How fast the element is being scrolled. Starting a dozen image loads a frame costs more than a
 * frame; while flying past rows, none are started. Slowing down comes a step at a time (flying,
 * fast, still) once the scrolling has settled at the slower pace for a moment. Changes state
 * only when the answer changes.
 */
export function useFastScroll(
  ref: RefObject<HTMLElement | null>,
  /** Told of every scroll event (the window holds its updates while the queue moves); stable. */
  onScrolled: () => void
): { pace: ScrollPace; flyingNow: () => boolean } {
  const [pace, setPace] = useState<ScrollPace>('still')
  // The pace as of the latest scroll event, before React renders it: the list's own scroll
  // listener, which runs next, must not render the rows a fling has just started to pass.
  const latest = useRef<ScrollPace>('still')
  const flyingNow = useCallback(() => latest.current === 'flying', [])
  useEffect(() => {
    const element = ref.current
    if (!element) return
    const show = (next: ScrollPace): void => {
      latest.current = next
      setPace(next)
    }
    // The list is new, so at its top: reading scrollTop here would lay the page out inside the
    // task that renders its first rows, making one long task of both.
    const follower = new PaceFollower(0, performance.now(), show)
    const onScroll = (): void => {
      onScrolled()
      follower.scrolled(element.scrollTop, performance.now())
    }
    // Capture runs this before the list's own listener, which renders the new rows at once: read
    // after that render, scrollTop would force a second layout in every scrolled frame.
    element.addEventListener('scroll', onScroll, { passive: true, capture: true })
    return () => {
      element.removeEventListener('scroll', onScroll, { capture: true })
      follower.stop()
    }
  }, [ref, onScrolled])
  return { pace, flyingNow }
}

const SLOWER: Record<ScrollPace, ScrollPace> = { flying: 'fast', fast: 'still', still: 'still' }

/**
 * The pace shown, from scroll positions: it rises at once, and comes down a step at a time, once
 * the list has gone slower (or stopped) for a moment; from a fling, the rows come back as sketches
 * first and are filled in just after, instead of a dozen whole rows mounting in one task.
 */
export class PaceFollower {
  private shown: ScrollPace = 'still'
  private slowerSince: number | null = null
  private timer: ReturnType<typeof setTimeout> | undefined

  constructor(
    private lastTop: number,
    private lastAt: number,
    private readonly show: (pace: ScrollPace) => void
  ) {}

  scrolled(top: number, now: number): void {
    // The first scroll after a pause moved in less time than the pause: counted over at most
    // 100 ms, a 600 px jump (a fling's first frame, Page Down) is fast, and its rows sketches.
    const measured = paceOf(top - this.lastTop, Math.min(now - this.lastAt, FIRST_SCROLL_MS))
    this.lastTop = top
    this.lastAt = now
    const slower = RANK[measured] < RANK[this.shown]
    if (!slower || now - (this.slowerSince ??= now) >= SETTLE_MS) {
      this.slowerSince = null
      this.set(measured)
    }
    this.settleAfter(SETTLE_MS)
  }

  stop(): void {
    clearTimeout(this.timer)
  }

  private set(pace: ScrollPace): void {
    if (pace === this.shown) return
    this.shown = pace
    this.show(pace)
  }

  /** With no scroll for `ms`, one step slower; the last step soon after. */
  private settleAfter(ms: number): void {
    clearTimeout(this.timer)
    if (this.shown === 'still') return
    this.timer = setTimeout(() => {
      this.set(SLOWER[this.shown])
      this.settleAfter(FILL_IN_MS)
    }, ms)
  }
}
