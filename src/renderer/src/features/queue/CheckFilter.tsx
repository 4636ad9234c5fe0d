import { useTranslation } from 'react-i18next'
import { useFormat } from '../../words/format'
import { ruleName } from '../../words/rules'
import type { QueueSummary } from './filters'

/** Beside "Needs review": which failing check to show (too long, a banned word, …), with counts. */
export function CheckFilter({
  checks,
  check,
  onCheck
}: {
  checks: QueueSummary['checks']
  check: string
  onCheck: (code: string) => void
}): React.JSX.Element | null {
  const { t } = useTranslation()
  const { count } = useFormat()
  if (checks.length === 0) return null
  return (
    <select
      aria-label={t('rule.filter')}
      value={check}
      onChange={(event) => onCheck(event.target.value)}
      data-testid="check-filter"
    >
      <option value="">{t('rule.any')}</option>
      {checks.map(({ code, count: n }) => (
        <option key={code} value={code}>
          {ruleName(code, t)} ({count(n)})
        </option>
      ))}
    </select>
  )
}
