import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import type { EstimateView } from '@shared/domain/queue'
import { useFormat } from '../../words/format'
import { SheetLine } from './SheetLine'
import { ProductsField } from './ProductsField'
import { useApp, useWorkspaceState } from '../../context'

/** Photos, cost now and with the Batch API, ≈ duration at the limits, and which limit binds. */
export function EstimatePanel({
  estimate
}: {
  estimate: EstimateView | undefined
}): React.JSX.Element {
  const { t } = useTranslation()
  const { count, money: exact, photos, approxDuration } = useFormat()
  const money = (usd: number | null): string => t('estimate.approx', { money: exact(usd) })
  if (!estimate)
    return (
      <section className="estimate" aria-label={t('estimate.title')}>
        <h3 className="section-title">{t('estimate.title')}</h3>
        <p className="muted small">{t('estimate.reading')}</p>
      </section>
    )
  const partial = estimate.measured < estimate.photos + estimate.unreadable
  const unknown = estimate.pricing === 'unknown'
  const notes = [
    photos(estimate.photos),
    estimate.unreadable ? t('estimate.unreadable', { n: count(estimate.unreadable) }) : '',
    partial ? t('estimate.partial', { n: count(estimate.measured) }) : '',
    estimate.costStandard === null && !unknown ? t('estimate.noPrice') : '',
    estimate.pricing === 'override' ? t('estimate.overridePrice') : '',
    estimate.pricing === 'free' ? t('estimate.free') : '',
    estimate.keys > 1 ? t('estimate.keys', { n: estimate.keys }) : '',
    imageTokensNote(estimate, t)
  ].join('')
  return (
    <section className="estimate" aria-label={t('estimate.title')} data-testid="estimate">
      <h3 className="section-title">{t('estimate.title')}</h3>
      {unknown ? (
        <p className="estimate-unknown" data-testid="estimate-unknown">
          {t('estimate.unknownCost')}
        </p>
      ) : (
        <p className="estimate-money">
          <strong data-testid="estimate-now">{money(estimate.costStandard)}</strong>{' '}
          {t('estimate.now')} ·{' '}
          <span data-testid="estimate-batch">{money(estimate.costBatch)}</span>{' '}
          {t('estimate.batch')}
          {estimate.costFlex !== null && (
            <>
              {' '}
              · <span data-testid="estimate-flex">{money(estimate.costFlex)}</span>{' '}
              {t('estimate.flex')}
            </>
          )}
        </p>
      )}
      {estimate.cachedShare > 0 && (
        <p className="muted small" data-testid="estimate-cached">
          {t('estimate.cached', { share: Math.round(estimate.cachedShare * 100) })}
        </p>
      )}
      <p>
        <span data-testid="estimate-duration">{approxDuration(estimate.durationMs)}</span>{' '}
        {t('estimate.atLimits')}
        <br />
        <span className="muted small" data-testid="estimate-binding">
          {t('estimate.limits', {
            binding: t(`estimate.binding.${estimate.binding}`),
            rpm: count(estimate.rpm),
            tpm: count(estimate.tpm)
          })}
          {t(`estimate.limitsFrom.${limitsFrom(estimate.limitsSource)}`)}
        </span>
      </p>
      <BatchEstimate estimate={estimate} />
      <p className="muted small">{notes}</p>
      {estimate.cutOff && <CutOffWarning n={estimate.cutOff} />}
      {estimate.sheet && <SheetLine sheet={estimate.sheet} photos={estimate.photos} />}
      <ProductsField estimate={estimate} />
    </section>
  )
}

/** Photos whose file looks cut off: they would be sent (and billed) as far as they can be read. */
function CutOffWarning({ n }: { n: number }): React.JSX.Element {
  const { t } = useTranslation()
  const { bridge, act } = useApp()
  // Joined into one string: a selector must return the same value while nothing changed.
  const joined = useWorkspaceState((s) =>
    [...(s.view?.rows.values() ?? [])]
      .filter((row) => row.warning === 'cutOff')
      .map((row) => row.id)
      .join('\n')
  )
  const ids = joined ? joined.split('\n') : []
  return (
    <p className="cut-off-warning small" role="status" data-testid="cut-off-warning">
      ⚠ {t('estimate.cutOff', { count: n })}{' '}
      {ids.length > 0 && (
        <button
          type="button"
          className="small"
          onClick={() => void act(() => bridge.queue.remove({ ids }))}
        >
          {t('estimate.removeCutOff', { count: ids.length })}
        </button>
      )}
    </p>
  )
}

/** Where the limits the duration assumes come from, in the words of the panel. */
function limitsFrom(source: string): 'reported' | 'settings' | 'tier1' | 'guessed' {
  if (source === 'reported') return 'reported'
  if (source === 'given') return 'settings'
  return source === 'catalog' ? 'tier1' : 'guessed'
}

/** The same job through the Batch API: money, files, and whether the queue limit paces it. */
function BatchEstimate({ estimate }: { estimate: EstimateView }): React.JSX.Element {
  const { t } = useTranslation()
  const { count, money } = useFormat()
  const { files, rounds, queueLimit } = estimate.batch
  const approx = (usd: number | null): string => t('estimate.approx', { money: money(usd) })
  const time =
    rounds > 1
      ? t('estimate.batchRounds', { rounds, limit: count(queueLimit ?? 0) })
      : t('estimate.batchWindow')
  return (
    <p className="small" data-testid="estimate-batch-plan">
      {t('estimate.batchPlan', {
        money: estimate.pricing === 'unknown' ? '—' : approx(estimate.costBatch),
        files: count(files),
        time
      })}
      {queueLimit !== null && rounds <= 1 && (
        <span className="muted"> {t('estimate.batchFits', { limit: count(queueLimit) })}</span>
      )}
    </p>
  )
}

/** Where the image-token figure comes from, when it is not the catalog's published rule. */
function imageTokensNote(estimate: EstimateView, t: TFunction): string {
  if (estimate.imageTokens === 'assumed') return t('estimate.imagesAssumed')
  if (estimate.imageTokens === 'documented') return ''
  const key =
    estimate.imageTokens === 'learned' ? 'estimate.imagesLearned' : 'estimate.imagesLearning'
  return t(key, { n: estimate.learnedFrom })
}
