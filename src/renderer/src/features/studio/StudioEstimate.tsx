import { useTranslation } from 'react-i18next'
import type { StudioView } from '@shared/studio/studio-view'
import { useApp } from '../../context'
import { useFormat } from '../../words/format'

/** What the run would cost and take; when it does not fit, the cheaper ways, to pick or not. */
export function StudioEstimate({ studio }: { studio: StudioView }): React.JSX.Element | null {
  const { bridge, act } = useApp()
  const { t } = useTranslation()
  const { money, approxDuration, count } = useFormat()
  const estimate = studio.estimate
  if (!estimate) return null
  const { plan } = estimate
  return (
    <div className="estimate studio-estimate" data-testid="studio-estimate">
      {plan && estimate.batch ? (
        <p>
          {t('studio.estimateBatch', {
            images: count(estimate.images),
            cost: money(plan.costUsd),
            each: money(estimate.images ? plan.costUsd / estimate.images : 0)
          })}
        </p>
      ) : plan ? (
        <p>
          {t('studio.estimate', {
            images: count(estimate.images),
            cost: money(plan.costUsd),
            each: money(estimate.images ? plan.costUsd / estimate.images : 0),
            time: approxDuration(plan.minutes * 60_000),
            ipm: count(estimate.ipm)
          })}
        </p>
      ) : (
        <p>{t('studio.free', { images: count(estimate.images) })}</p>
      )}
      {estimate.gone && (
        <p className="field-problem" role="alert">
          {t('problem.modelGone', {
            n: studio.options.model,
            date: estimate.gone.shutdownDate,
            replacement: estimate.gone.replacement ?? 'gpt-image-2'
          })}
        </p>
      )}
      {(studio.batches ?? []).map((b) => (
        <p key={b.id} className="small" data-testid="studio-batch">
          {t('studio.batchLine', b)}
        </p>
      ))}
      {plan && !estimate.fits && !estimate.gone && (
        <div className="studio-cheaper" data-testid="studio-cheaper">
          <p className="amber">
            {estimate.cheaper.length ? t('studio.doesNotFit') : t('studio.nothingFits')}
          </p>
          {estimate.cheaper.map((way) => (
            <button
              key={`${way.quality}-${way.size}`}
              type="button"
              className="small ghost"
              onClick={() =>
                void act(() => bridge.studio.setOptions({ quality: way.quality, size: way.size }))
              }
            >
              {t('studio.useWay', {
                quality: t(`studio.qualities.${way.quality}`),
                size: way.size,
                cost: money(way.costUsd),
                time: approxDuration(way.minutes * 60_000)
              })}
            </button>
          ))}
        </div>
      )}
    </div>
  )
}
