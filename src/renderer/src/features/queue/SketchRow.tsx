import type { TFunction } from 'i18next'
import type { QueueRow } from '@shared/domain/queue'
import { statusWords } from '../../words/status'

/**
 * A row as the queue flies past it: its name and status in one line of three elements, where
 * the photo, the answer and the buttons will be once the list slows down. A fling mounts a
 * dozen rows a frame; each full row is some fifteen elements to create, style and lay out.
 */
export function SketchRow({
  row,
  index,
  selected,
  t
}: {
  row: QueueRow
  index: number
  selected: boolean
  t: TFunction
}): React.JSX.Element {
  const words = statusWords(row, t)
  return (
    <div
      className={`row-sketch${selected ? ' row-selected' : ''}`}
      role="row"
      aria-rowindex={index + 1}
      data-row-id={row.id}
      data-status={row.status}
    >
      <span className="row-name">{row.name}</span>
      <span className={`chip chip-${words.tone}`} data-status={row.status}>
        {words.mark} {row.status === 'done' ? t('status.done') : words.words}
      </span>
    </div>
  )
}
