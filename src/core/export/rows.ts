import type { JobItem, JobState } from '../jobs/job-state'
import type { Verdict } from '../jobs/journal-events'

/** One spreadsheet row: one per photo path (duplicates share the answer). */
export interface ResultRow {
  file: string
  folder: string
  status: 'done' | 'failed' | 'pending'
  /** A person's judgement of the answer in the review desk, when given. */
  verdict: Verdict | ''
  reason: string
  fields: Record<string, unknown>
  model: string
  tokensIn: number
  tokensOut: number
  costUsd: number
  durationMs: number
  fromCache: boolean
}

/** Every path of every item, in the order the job found them; `approvedOnly`: approved answers. */
export function resultRows(state: JobState, approvedOnly = false): ResultRow[] {
  const items = [...state.items.values()]
  const chosen = approvedOnly ? items.filter((item) => item.verdict === 'approved') : items
  return chosen.flatMap((item) => item.paths.map((path) => row(item, path)))
}

function row(item: JobItem, path: string): ResultRow {
  const parts = path.split(/[\\/]/)
  const result = item.result
  return {
    file: parts.at(-1) ?? path,
    folder: parts.slice(0, -1).join('/'),
    status: item.status,
    verdict: item.verdict ?? '',
    reason: item.reason ?? result?.review ?? '',
    fields: result?.fields ?? {},
    model: result?.model ?? '',
    tokensIn: result?.promptTokens ?? 0,
    tokensOut: result?.completionTokens ?? 0,
    costUsd: result?.costUsd ?? 0,
    durationMs: Math.round(result?.latencyMs ?? 0),
    fromCache: result?.fromCache ?? false
  }
}
