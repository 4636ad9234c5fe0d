import type { RunView } from '@shared/domain/run-view'
import { useNow } from '../../hooks/useNow'
import { count } from '../../words/format'
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
  const now = useNow(keys.some((key) => key.coolingInMs))
  return (
    <section className="limits" aria-label="Rate limits" data-testid="rate-limits">
      <h3 className="section-title">Rate limits</h3>
      {keys.length === 0 && (
        <p className="muted small">{running ? 'Starting…' : 'Shown while a job runs.'}</p>
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
  const cooling = limits.coolingInMs !== undefined ? Math.max(0, limits.coolingInMs - sinceMs) : 0
  return (
    <div className="key-limits" data-testid={`key-${limits.id}`}>
      <div className="key-head">
        <strong>{limits.label}</strong>
        <span className="muted small">
          {limits.inFlight} in flight
          {limits.rateLimitHits ? ` · ${limits.rateLimitHits} × 429` : ''}
        </span>
      </div>
      <Gauge label="Requests/min" limit={limits.rpm} remaining={limits.remainingRequests} />
      <Gauge label="Tokens/min" limit={limits.tpm} remaining={limits.remainingTokens} />
      <p className="muted small">
        Limits from {limits.limitsFrom === 'headers' ? 'the server’s headers' : 'your settings'}
      </p>
      {cooling > 0 && (
        <p className="cooling" role="status" data-testid="cooling">
          ⟳ Cooling down {Math.ceil(cooling / 1000)} s —{' '}
          {limits.coolingCause === 'network'
            ? 'the connection failed'
            : `rate limit (${limits.coolingLimit === 'tokens' ? 'tokens' : 'requests'} per minute)`}
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
  const used =
    remaining === undefined ? 0 : Math.max(0, Math.min(1, 1 - remaining / Math.max(1, limit)))
  return (
    <div className="gauge">
      <span className="small">{label}</span>
      <div
        className="gauge-track"
        role="meter"
        aria-label={`${label} used`}
        aria-valuemin={0}
        aria-valuemax={limit}
        aria-valuenow={remaining === undefined ? 0 : limit - remaining}
      >
        <div className="gauge-fill" style={{ width: `${used * 100}%` }} />
      </div>
      <span className="small muted gauge-words">
        {remaining === undefined
          ? `${count(limit)} limit`
          : `${count(remaining)} of ${count(limit)} left`}
      </span>
    </div>
  )
}
