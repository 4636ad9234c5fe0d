import type { JobProgress, KeyProgress } from '@shared/domain/progress'
import { formatApproxDuration, formatUsd } from '@shared/format/estimate-summary'

const BAR = 20

/** The live line: bar, counts, throughput, ETA, spend, and any key cooling down (429 or network). */
export function progressLine(progress: JobProgress): string {
  const t = progress.totals
  const finished = t.done + t.failed
  const filled = t.total > 0 ? Math.round((finished / t.total) * BAR) : 0
  const parts = [
    `[${'■'.repeat(filled)}${'·'.repeat(BAR - filled)}] ${finished}/${t.total}`,
    `${t.done} done${t.failed ? ` · ${t.failed} failed` : ''}`,
    `${Math.round(t.throughputPerMin)}/min`,
    t.etaMs !== undefined ? `ETA ${formatApproxDuration(t.etaMs).replace('≈ ', '')}` : 'ETA …',
    `spent ${formatUsd(t.costUsd)}`
  ]
  const cooling = progress.keys.find((k) => k.coolingInMs !== undefined)
  if (cooling) parts.push(coolingWords(cooling))
  const stopped = progress.keys.filter((k) => k.stopped)
  if (stopped.length > 0) parts.push(`${stopped.length} key(s) stopped`)
  return parts.join(' · ')
}

function coolingWords(key: KeyProgress): string {
  const seconds = Math.ceil((key.coolingInMs ?? 0) / 1000)
  if (key.coolingCause === 'network')
    return `can't reach the API — trying again in ${seconds} s (key ${key.label})`
  return `cooling down ${seconds} s (429, key ${key.label})`
}

/** The same progress as one JSON line for scripts (`--json`). */
export function progressJson(progress: JobProgress): string {
  const t = progress.totals
  const cooling = progress.keys
    .filter((k) => k.coolingInMs !== undefined)
    .map((k) => ({
      key: k.label,
      seconds: Math.ceil(k.coolingInMs! / 1000),
      cause: k.coolingCause,
      limit: k.coolingLimit
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
    possiblyPaidTwice: t.possiblyPaidTwice,
    cooling
  })
}
