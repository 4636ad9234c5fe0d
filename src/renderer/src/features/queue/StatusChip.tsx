import type { TFunction } from 'i18next'
import type { QueueRow } from '@shared/domain/queue'
import { useNow } from '../../hooks/useNow'
import { statusWords } from '../../words/status'

/** A row's status: mark, colour and words; a retry counts down on its own. */
export function StatusChip({
  row,
  heardAt,
  t
}: {
  row: QueueRow
  heardAt: number
  t: TFunction
}): React.JSX.Element {
  const now = useNow(row.status === 'retrying')
  const words = statusWords(row, t, row.status === 'retrying' ? now - heardAt : 0)
  return (
    <span className={`chip chip-${words.tone}`} data-status={row.status}>
      <span aria-hidden="true">{words.mark}</span>
      <span className="chip-words truncate">
        {row.status === 'done' ? t('status.done') : words.words}
      </span>
    </span>
  )
}
