import type { ReactNode } from 'react'
import type { Virtualizer } from '@tanstack/react-virtual'

/**
 * The rows of a virtualized list that are in view, each in a slot moved into place: only those
 * are in the page. `render` gives a row's content, or null for a row not known yet.
 */
export function RowSlots({
  virtualizer,
  ids,
  render
}: {
  virtualizer: Virtualizer<HTMLDivElement, Element>
  ids: readonly string[]
  render: (id: string, index: number) => ReactNode | null
}): React.JSX.Element {
  return (
    <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
      {virtualizer.getVirtualItems().map((item) => {
        const content = render(ids[item.index], item.index)
        if (!content) return null
        return (
          <div
            key={item.key}
            className="row-slot"
            style={{ transform: `translateY(${item.start}px)`, height: item.size }}
          >
            {content}
          </div>
        )
      })}
    </div>
  )
}
