import { useTranslation } from 'react-i18next'
import type { QueueRow } from '@shared/domain/queue'

type Field = NonNullable<QueueRow['fields']>[number]

/**
 * "64 / 70", or "171 / 155 — too long" in amber when the field breaks its length rule; nothing
 * for a field without one (a list's rule is per entry).
 */
export function FieldCounter({ field }: { field: Field }): React.JSX.Element | null {
  const { t } = useTranslation()
  if (field.min === undefined && field.max === undefined) return null
  const n = [...field.value].length
  const broken =
    field.max !== undefined && n > field.max
      ? t('review.tooLong')
      : field.min !== undefined && n < field.min
        ? t('review.tooShort')
        : ''
  const limit = field.max !== undefined ? ` / ${field.max}` : ''
  return (
    <span className={broken ? 'field-counter broken' : 'field-counter'}>
      {`${n}${limit}`}
      {broken ? ` — ${broken}` : ''}
    </span>
  )
}
