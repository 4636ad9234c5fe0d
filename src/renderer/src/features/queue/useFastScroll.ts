import { useEffect, useState, type RefObject } from 'react'

/** Faster than this (px per ms) the queue sketches the rows that appear (no thumbnails, no buttons). */
const FAST = 2
const SETTLE_MS = 150

/**
 * Whether the element is being scrolled fast (a fling, a dragged scrollbar). Starting a dozen
 * image loads a frame costs more than a frame; while flying past rows, none are started.
 * Changes state only when the answer changes.
 */
export function useFastScroll(
  ref: RefObject<HTMLElement | null>,
  /** Told of every scroll event (the window holds its updates while the queue moves); stable. */
  onScrolled: () => void
): boolean {
  const [fast, setFast] = useState(false)
  useEffect(() => {
    const element = ref.current
    if (!element) return
    let lastTop = element.scrollTop
    let lastAt = performance.now()
    let timer: ReturnType<typeof setTimeout> | undefined
    const onScroll = (): void => {
      onScrolled()
      const now = performance.now()
      const speed = Math.abs(element.scrollTop - lastTop) / Math.max(1, now - lastAt)
      lastTop = element.scrollTop
      lastAt = now
      if (speed > FAST) setFast(true)
      clearTimeout(timer)
      timer = setTimeout(() => setFast(false), SETTLE_MS)
    }
    // Capture runs this before the list's own listener, which renders the new rows at once: read
    // after that render, scrollTop would force a second layout in every scrolled frame.
    element.addEventListener('scroll', onScroll, { passive: true, capture: true })
    return () => {
      element.removeEventListener('scroll', onScroll, { capture: true })
      clearTimeout(timer)
    }
  }, [ref, onScrolled])
  return fast
}
