import { useTranslation } from 'react-i18next'
import type { StudioView } from '@shared/studio/studio-view'
import { useFormat } from '../../words/format'

/** Each key's pace in images per minute, and in plain words why one waits or takes nothing. */
export function StudioLanes({ studio }: { studio: StudioView }): React.JSX.Element | null {
  const { t } = useTranslation()
  const { duration } = useFormat()
  if (studio.lanes.length === 0) return null
  return (
    <section className="limits" aria-label={t('studio.lanes')} data-testid="studio-lanes">
      <h3 className="section-title">{t('studio.lanes')}</h3>
      {studio.lanes.map((lane) => (
        <div key={lane.label} className="key-limits">
          <div className="key-head">
            <strong className="truncate">{lane.label}</strong>
            <span className="small">
              {t('studio.lanePace', { made: lane.lastMinute, ipm: lane.ipm })}
            </span>
          </div>
          {lane.closed ? (
            <p className="small field-problem">{t('studio.laneClosed')}</p>
          ) : lane.coolingMs > 0 ? (
            <p className="small amber">
              {t('studio.laneCooling', { wait: duration(lane.coolingMs) })}
            </p>
          ) : null}
        </div>
      ))}
    </section>
  )
}
