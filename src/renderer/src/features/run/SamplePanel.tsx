import { ruleText } from '../../words/rules'
import { useTranslation } from 'react-i18next'
import type { QueueState } from '../../stores/workspace-store'
import { useFormat } from '../../words/format'
import { firstLine, statusWords } from '../../words/status'

/** The sample's results beside the estimate: each photo's answer and the real cost per photo. */
export function SamplePanel({ sample }: { sample: QueueState }): React.JSX.Element {
  const { t } = useTranslation()
  const { money } = useFormat()
  const rows = sample.ids.flatMap((id) => sample.rows.get(id) ?? [])
  const answered = rows.filter((row) => row.status === 'done' || row.status === 'review')
  const spent = answered.reduce((sum, row) => sum + (row.costUsd ?? 0), 0)
  const perPhoto = answered.length > 0 ? spent / answered.length : null
  const estimatePerPhoto =
    sample.run.estimateUsd != null && rows.length > 0 ? sample.run.estimateUsd / rows.length : null
  return (
    <section className="sample" aria-label={t('sample.label')} data-testid="sample">
      <h3 className="section-title">
        {t('sample.title', { done: answered.length, total: rows.length })}
      </h3>
      <p className="small">
        {t('sample.cost')} <strong data-testid="sample-cost">{money(perPhoto)}</strong>
        {estimatePerPhoto !== null ? t('sample.estimated', { money: money(estimatePerPhoto) }) : ''}
      </p>
      <ul className="sample-list">
        {rows.map((row) => (
          <li key={row.id} className={`sample-item sample-${row.status}`}>
            <span className="small strong truncate">{row.name}</span>
            <span className="small">
              {row.status === 'done' || row.status === 'review'
                ? firstLine(row) || t('status.done')
                : statusWords(row, t).words}
            </span>
            {row.status === 'review' && <span className="small amber">{ruleText(row, t)}</span>}
          </li>
        ))}
      </ul>
    </section>
  )
}
