import { formatUsd } from '@shared/format/estimate-summary'
import { printable } from '@shared/redact'
import { countItems, jobSpend, type JobOutcome, type JobState } from '../../core'
import { ExitCodes } from '../exit-codes'

/** The exit code for how a run ended. */
export function exitCodeFor(outcome: JobOutcome, state: JobState): number {
  if (outcome.status === 'cancelled') return ExitCodes.interrupted
  if (outcome.status === 'stopped') return ExitCodes.stopped
  return countItems(state).failed > 0 ? ExitCodes.someFailed : ExitCodes.ok
}

/** The end-of-run summary and the failed files with their reasons, as text lines. */
export function summaryLines(
  jobId: string,
  outcome: JobOutcome,
  state: JobState,
  seconds: number,
  possiblyPaidTwice = 0
): string[] {
  const counts = countItems(state)
  const spend = jobSpend(state)
  const lines = [
    `${counts.done} of ${counts.total} photos done · ${counts.failed} failed · ${counts.pending} left · spent ${formatUsd(spend.costUsd)} · ${seconds.toFixed(1)} s`
  ]
  if (spend.tokensCached > 0)
    lines.push(
      `${Math.round((100 * spend.tokensCached) / spend.tokensIn)} % of prompt tokens came from the prompt cache (billed at the cached price).`
    )
  if (spend.flexAnswers > 0)
    lines.push(
      `${spend.flexAnswers} answer(s) ran on Flex (billed at Flex prices)${spend.otherTierAnswers > 0 ? `; ${spend.otherTierAnswers} at the standard price (Flex had no capacity)` : ''}.`
    )
  if (possiblyPaidTwice > 0)
    lines.push(
      `${possiblyPaidTwice} request(s) timed out and were sent again: OpenAI may have billed the first try too.`
    )
  if (outcome.status === 'stopped')
    lines.push(
      printable(`Stopped: ${outcome.reason}`),
      `Nothing is lost. Resume with: photoscribe run --resume ${jobId}`
    )
  if (outcome.status === 'cancelled')
    lines.push(`Interrupted. Resume with: photoscribe run --resume ${jobId}`)
  for (const item of state.items.values())
    if (item.status === 'failed')
      lines.push(printable(`  ✗ ${item.paths.join(', ')}: ${item.reason ?? ''}`))
  return lines
}

/** The same as JSON lines (`--json`). */
export function summaryJson(
  jobId: string,
  outcome: JobOutcome,
  state: JobState,
  seconds: number,
  possiblyPaidTwice = 0
): string[] {
  const counts = countItems(state)
  const failed = [...state.items.values()]
    .filter((i) => i.status === 'failed')
    .map((i) => JSON.stringify({ event: 'failed', files: i.paths, code: i.code, reason: i.reason }))
  return [
    ...failed,
    JSON.stringify({
      event: 'summary',
      jobId,
      outcome,
      ...counts,
      seconds: Math.round(seconds * 10) / 10,
      possiblyPaidTwice,
      ...jobSpend(state)
    })
  ]
}
