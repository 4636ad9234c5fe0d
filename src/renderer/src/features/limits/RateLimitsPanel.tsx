import type { RunView } from '@shared/domain/run-view'
import { useNow } from '../../hooks/useNow'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../words/format'
import { LimitsChart } from './LimitsChart'

type Key = RunView['keys'][number]

/** Per key: limits with what the headers say remains, in flight, and a 429 cool-down countdown. */
export function RateLimitsPanel({
  keys,
  heardAt,
  running
}: {
  keys: Key[]
  heardAt: number
  running: boolean
}): React.JSX.Element {
  const { t } = useTranslation()
  const now = useNow(keys.some((key) => key.coolingInMs))
  return (
    <section className="limits" aria-label={t('limits.title')} data-testid="rate-limits">
      <h3 className="section-title">{t('limits.title')}</h3>
      {keys.length === 0 && (
        <p className="muted small">{running ? t('limits.starting') : t('limits.idle')}</p>
      )}
      {keys.map((key) => (
        <KeyLimits key={key.id} limits={key} sinceMs={now - heardAt} />
      ))}
      <LimitsChart />
    </section>
  )
}

/** One key's gauges and its cool-down, counted down from when the window heard of it. */
export function KeyLimits({
  limits,
  sinceMs
}: {
  limits: Key
  sinceMs: number
}): React.JSX.Element {
  const { t } = useTranslation()
  const cooling = limits.coolingInMs !== undefined ? Math.max(0, limits.coolingInMs - sinceMs) : 0
  return (
    <div className="key-limits" data-testid={`key-${limits.id}`}>
      <div className="key-head">
        <strong>{limits.label}</strong>
        <span className="muted small">
          {t('limits.inFlight', { n: limits.inFlight })}
          {limits.rateLimitHits ? t('limits.hits', { n: limits.rateLimitHits }) : ''}
        </span>
      </div>
      <Gauge label={t('limits.rpm')} limit={limits.rpm} remaining={limits.remainingRequests} />
      <Gauge label={t('limits.tpm')} limit={limits.tpm} remaining={limits.remainingTokens} />
      <p className="muted small">
        {limits.limitsFrom === 'headers' ? t('limits.fromHeaders') : t('limits.fromSettings')}
      </p>
      {cooling > 0 && (
        <p className="cooling" role="status" data-testid="cooling">
          {t('limits.cooling', {
            n: Math.ceil(cooling / 1000),
            why:
              limits.coolingCause === 'network'
                ? t('limits.coolingNetwork')
                : t('limits.coolingRate', {
                    which: t(limits.coolingLimit === 'tokens' ? 'limits.tokens' : 'limits.requests')
                  })
          })}
        </p>
      )}
    </div>
  )
}

function Gauge({
  label,
  limit,
  remaining
}: {
  label: string
  limit: number
  remaining?: number
}): React.JSX.Element {
  const { t } = useTranslation()
  const { count } = useFormat()
  const used =
    remaining === undefined ? 0 : Math.max(0, Math.min(1, 1 - remaining / Math.max(1, limit)))
  return (
    <div className="gauge">
      <span className="small">{label}</span>
      <div
        className="gauge-track"
        role="meter"
        aria-label={t('limits.used', { label })}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={remaining === undefined ? 0 : limit - remaining}
      >
        <div className="gauge-fill" style={{ width: `${used * 100}%` }} />
      </div>
      <span className="small muted gauge-words">
        {remaining === undefined
          ? t('limits.limit', { n: count(limit) })
          : t('limits.left', { left: count(remaining), limit: count(limit) })}
      </span>
    </div>
  )
}
