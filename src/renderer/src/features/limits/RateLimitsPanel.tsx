import { useState } from 'react'
import type { RunView } from '@shared/domain/run-view'
import { useNow } from '../../hooks/useNow'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../words/format'
import { LimitsChart } from './LimitsChart'
import { useWorkspaceState } from '../../context'
import { paceOf } from './pace'

type Key = RunView['keys'][number]

/**
 * The run's speed in plain words — as fast as the plan allows, or why not, and what would make it
 * faster — with each key's cool-down; the gauges and the chart are one click away.
 */
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
  // The chart exists only while shown: folded away it still redrew on every update of a run, and
  // a redraw makes the browser restyle the window (one took 72 ms in a traced scroll here).
  const [open, setOpen] = useState(false)
  return (
    <section className="limits" aria-label={t('limits.title')} data-testid="rate-limits">
      <h3 className="section-title">{t('limits.title')}</h3>
      <PaceWords keys={keys} running={running} />
      {keys.map((key) => (
        <Cooling key={key.id} limits={key} sinceMs={now - heardAt} />
      ))}
      <details
        className="limits-details"
        data-testid="limits-details"
        onToggle={(event) => setOpen(event.currentTarget.open)}
      >
        <summary className="small">{t('limits.details')}</summary>
        {keys.map((key) => (
          <KeyLimits key={key.id} limits={key} />
        ))}
        {open && <LimitsChart />}
      </details>
    </section>
  )
}

/** "Going as fast as your OpenAI plan allows — 412 of 500 requests a minute", and how to go faster. */
function PaceWords({ keys, running }: { keys: Key[]; running: boolean }): React.JSX.Element {
  const { t } = useTranslation()
  const { count } = useFormat()
  const history = useWorkspaceState((s) => s.history)
  const pace = paceOf(history, keys, running)
  const unit = t(pace.binding === 'tokens' ? 'limits.tokens' : 'limits.requests')
  const words = t(`limits.pace.${pace.state}`, {
    used: count(pace.used),
    limit: count(pace.limit),
    unit
  })
  const hint =
    pace.state === 'full' || pace.state === 'slowed'
      ? t(`limits.faster.${pace.binding}`)
      : pace.state === 'room'
        ? t('limits.faster.room')
        : ''
  return (
    <>
      <p data-testid="pace-words" data-pace={pace.state}>
        {words}
      </p>
      {hint && (
        <p className="muted small" data-testid="pace-hint">
          {hint}
        </p>
      )}
    </>
  )
}

/** A key's cool-down, counted down from when the window heard of it, and why in words. */
function Cooling({ limits, sinceMs }: { limits: Key; sinceMs: number }): React.JSX.Element | null {
  const { t } = useTranslation()
  const cooling = limits.coolingInMs !== undefined ? Math.max(0, limits.coolingInMs - sinceMs) : 0
  if (cooling <= 0) return null
  return (
    <p className="cooling" role="status" data-testid="cooling">
      {t('limits.cooling', {
        key: limits.label,
        n: Math.ceil(cooling / 1000),
        why:
          limits.coolingCause === 'network'
            ? t('limits.coolingNetwork')
            : t('limits.coolingRate', {
                which: t(limits.coolingLimit === 'tokens' ? 'limits.tokens' : 'limits.requests')
              })
      })}
    </p>
  )
}

/** One key's gauges: what the headers say remains of each limit, and what is in flight. */
export function KeyLimits({ limits }: { limits: Key }): React.JSX.Element {
  const { t } = useTranslation()
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
