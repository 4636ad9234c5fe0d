import type { EstimateView } from '@shared/domain/queue'
import { approxDuration, count, money, photos } from '../../words/format'
import { bindingWords } from '../../words/stops'

/** Photos, cost now and with the Batch API, ≈ duration at the limits, and which limit binds. */
export function EstimatePanel({
  estimate
}: {
  estimate: EstimateView | undefined
}): React.JSX.Element {
  if (!estimate)
    return (
      <section className="estimate" aria-label="Estimate">
        <h3 className="section-title">Estimate</h3>
        <p className="muted small">Reading the photos’ sizes…</p>
      </section>
    )
  const partial = estimate.measured < estimate.photos + estimate.unreadable
  return (
    <section className="estimate" aria-label="Estimate" data-testid="estimate">
      <h3 className="section-title">Estimate</h3>
      <p className="estimate-money">
        <strong data-testid="estimate-now">{money(estimate.costStandard)}</strong> now ·{' '}
        <span data-testid="estimate-batch">{money(estimate.costBatch)}</span> with Batch
      </p>
      <p>
        <span data-testid="estimate-duration">{approxDuration(estimate.durationMs)}</span> at your
        limits
        <br />
        <span className="muted small" data-testid="estimate-binding">
          ({bindingWords(estimate.binding)}: {count(estimate.rpm)} requests/min,{' '}
          {count(estimate.tpm)} tokens/min)
        </span>
      </p>
      <p className="muted small">
        {photos(estimate.photos)}
        {estimate.unreadable ? ` · ${count(estimate.unreadable)} can’t be read` : ''}
        {partial ? ` · from ${count(estimate.measured)} sizes read so far` : ''}
        {estimate.costStandard === null ? ' · no price known for this model' : ''}
        {estimate.limitsSource === 'family' || estimate.limitsSource === 'lowest'
          ? ' · limits guessed; corrected from the server as it runs'
          : ''}
      </p>
      {estimate.sheet && (
        <p className="small" data-testid="sheet-matches">
          Product sheet {estimate.sheet.name}: {count(estimate.sheet.matched)} of{' '}
          {photos(estimate.photos)} matched
        </p>
      )}
    </section>
  )
}
