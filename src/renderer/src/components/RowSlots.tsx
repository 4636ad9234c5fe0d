import type { ReactNode } from 'react'
import type { RowWindow } from './useRowWindow'

/**
 * The rows of a windowed list that are in view, each in a slot moved into place: only those
 * are in the page. `render` gives a row's content, or null for a row not known yet.
 */
export function RowSlots({
  rows,
  render
}: {
  rows: RowWindow
  render: (id: string, index: number) => ReactNode | null
}): React.JSX.Element {
  return (
    <div style={{ height: rows.totalSize, position: 'relative' }}>
      {rows.slots.map((slot) => {
        const content = render(slot.key, slot.index)
        if (!content) return null
        return (
          <div
            key={slot.key}
            className="row-slot"
            style={{ transform: `translateY(${slot.start}px)`, height: slot.size }}
          >
            {content}
          </div>
        )
      })}
    </div>
  )
}
