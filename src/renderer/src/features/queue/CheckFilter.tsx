import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'
import { useWorkspaceState } from '../../context'
import { useFormat } from '../../words/format'
import { ruleName } from '../../words/rules'
import { checkCounts } from './filters'

/** Beside "Needs review": which failing check to show (too long, a banned word, …), with counts. */
export function CheckFilter({
  check,
  onCheck
}: {
  check: string
  onCheck: (code: string) => void
}): React.JSX.Element | null {
  const { t } = useTranslation()
  const { count } = useFormat()
  const rows = useWorkspaceState((s) => s.view?.rows)
  const version = useWorkspaceState((s) => s.view?.version)
  const checks = useMemo(() => checkCounts(rows ?? new Map()), [rows, version])
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
