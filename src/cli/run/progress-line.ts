import type { BatchProgress, JobProgress, KeyProgress } from '@shared/domain/progress'
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
  if (progress.batch) parts.splice(2, 2, batchWords(progress.batch))
  const cooling = progress.keys.find((k) => k.coolingInMs !== undefined)
  if (cooling) parts.push(coolingWords(cooling))
  const stopped = progress.keys.filter((k) => k.stopped)
  if (stopped.length > 0) parts.push(`${stopped.length} key(s) stopped`)
  return parts.join(' · ')
}

const PART_WORDS: Record<string, string> = {
  built: 'written',
  uploading: 'uploading',
  queued: 'uploaded',
  creating: 'submitting',
  in_progress: 'in progress',
  settled: 'collected'
}

/** "batch 1 completed · batch 2 in progress 1,200/4,000 · next check in 45 s". */
export function batchWords(batch: BatchProgress): string {
  if (batch.phase === 'building' && batch.parts.every((p) => p.settled))
    return `writing batch files: ${batch.built.toLocaleString('en')} lines`
  const shown = batch.parts.filter((p) => !p.settled).slice(0, 4)
  const words = shown.map((p) => {
    const status = PART_WORDS[p.status] ?? p.status.replace('_', ' ')
    const counts =
      p.status === 'in_progress'
        ? ` ${(p.completed + p.failed).toLocaleString('en')}/${p.lines.toLocaleString('en')}`
        : ''
    return `batch ${p.n} of ${batch.parts.length} ${status}${counts}`
  })
  const settled = batch.parts.filter((p) => p.settled).length
  if (settled > 0) words.push(`${settled} of ${batch.parts.length} collected`)
  if (batch.phase === 'cancelling') words.push('cancelling')
  if (batch.nextPollInMs !== undefined)
    words.push(`next check in ${Math.ceil(batch.nextPollInMs / 1000)} s`)
  return words.join(' · ')
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
    cooling,
    ...(progress.batch ? { batch: progress.batch } : {})
  })
}
