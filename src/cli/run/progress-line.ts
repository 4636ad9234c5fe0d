import { formatApproxDuration, formatUsd } from '@shared/format/estimate-summary'
import type { ProgressUpdate } from '../../main/core/scheduler/progress-feed'

const BAR = 20

/** The live line: bar, counts, throughput, ETA, spend, and any key cooling down after a 429. */
export function progressLine(update: ProgressUpdate, now: number): string {
  const t = update.totals
  const finished = t.done + t.failed
  const filled = t.total > 0 ? Math.round((finished / t.total) * BAR) : 0
  const parts = [
    `[${'■'.repeat(filled)}${'·'.repeat(BAR - filled)}] ${finished}/${t.total}`,
    `${t.done} done${t.failed ? ` · ${t.failed} failed` : ''}`,
    `${Math.round(t.throughputPerMin)}/min`,
    t.etaMs !== undefined ? `ETA ${formatApproxDuration(t.etaMs).replace('≈ ', '')}` : 'ETA …',
    `spent ${formatUsd(t.costUsd)}`
  ]
  const cooling = update.keys.find(
    (k) => k.coolingDownUntil !== undefined && k.coolingDownUntil > now
  )
  if (cooling)
    parts.push(
      `cooling down ${Math.ceil((cooling.coolingDownUntil! - now) / 1000)} s (429, key ${cooling.label})`
    )
  const stopped = update.keys.filter((k) => k.stoppedReason)
  if (stopped.length > 0) parts.push(`${stopped.length} key(s) stopped`)
  return parts.join(' · ')
}

/** The same update as one JSON line for scripts (`--json`). */
export function progressJson(update: ProgressUpdate, now: number): string {
  const t = update.totals
  const cooling = update.keys
    .filter((k) => k.coolingDownUntil !== undefined && k.coolingDownUntil > now)
    .map((k) => ({
      key: k.label,
      seconds: Math.ceil((k.coolingDownUntil! - now) / 1000),
      reason: k.coolingReason
    }))
  return JSON.stringify({
    event: 'progress',
    total: t.total,
    done: t.done,
    failed: t.failed,
    inFlight: t.inFlight,
    perMin: Math.round(t.throughputPerMin),
    etaMs: t.etaMs === undefined ? null : Math.round(t.etaMs),
    costUsd: t.costUsd,
    cooling
  })
}
