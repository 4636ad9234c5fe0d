import { useLayoutEffect, useState, type RefObject } from 'react'

/**
 * A still picture of blank rows (a photo's square and a name's bar each row) over a list's view
 * while the list is flung past and renders nothing; the rows under it stay as they were. Its own
 * layer beside the scrolled element, not in it: painted once, then only composited. It leaves
 * the scroll bar uncovered.
 */
export function RowSkeleton({
  scroller,
  shown
}: {
  scroller: RefObject<HTMLElement | null>
  shown: boolean
}): React.JSX.Element {
  const width = useClientWidth(scroller)
  return (
    <div
      className="row-skeleton"
      aria-hidden="true"
      data-shown={shown}
      style={width === null ? undefined : { width }}
    />
  )
}

/**
 * The element's width inside its border and scroll bar, followed as either changes. The observer
 * reports it once the frame lays the element out (reading it at mount would lay the page out
 * mid-task); without an observer (jsdom), it is read.
 */
function useClientWidth(element: RefObject<HTMLElement | null>): number | null {
  const [width, setWidth] = useState<number | null>(null)
  useLayoutEffect(() => {
    const target = element.current
    if (!target) return
    const read = (): void => setWidth(target.clientWidth)
    if (typeof ResizeObserver === 'undefined') return read()
    const observer = new ResizeObserver(read)
    observer.observe(target)
    return () => observer.disconnect()
  }, [element])
  return width
}
