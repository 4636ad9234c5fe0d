import type { QueueRow, RowStatus } from '@shared/domain/queue'

export type Filter =
  'all' | 'waiting' | 'working' | 'done' | 'review' | 'approved' | 'rejected' | 'failed'

/** The filters in the order the picker shows them (worded by `queue.filter.<id>`). */
export const FILTERS: readonly Filter[] = [
  'all',
  'waiting',
  'working',
  'done',
  'review',
  'approved',
  'rejected',
  'failed'
]

const GROUP: Record<RowStatus, Filter> = {
  listed: 'waiting',
  waiting: 'waiting',
  preparing: 'working',
  capacity: 'working',
  writing: 'working',
  retrying: 'working',
  done: 'done',
  review: 'review',
  approved: 'approved',
  rejected: 'rejected',
  failed: 'failed',
  batched: 'working'
}

/**
 * The ids to show, in queue order: by status group, by the check an answer fails (`check`, a rule
 * code), and a search of file names and answer text.
 */
export function visibleIds(
  ids: readonly string[],
  rows: ReadonlyMap<string, QueueRow>,
  filter: Filter,
  search: string,
  check = ''
): string[] {
  const needle = search.trim().toLowerCase()
  if (filter === 'all' && !needle && !check) return ids as string[]
  return ids.filter((id) => {
    const row = rows.get(id)
    if (!row) return false
    if (filter !== 'all' && GROUP[row.status] !== filter) return false
    if (check && !failsCheck(row, check)) return false
    return !needle || matches(row, needle)
  })
}

/** The answer breaks this rule, or fails this check against the job. */
function failsCheck(row: QueueRow, code: string): boolean {
  return row.rule?.code === code || (row.flags?.some((flag) => flag.code === code) ?? false)
}

/** The file name or any field of the answer holds the text searched for. */
function matches(row: QueueRow, needle: string): boolean {
  if (row.name.toLowerCase().includes(needle)) return true
  return row.fields?.some((field) => field.value.toLowerCase().includes(needle)) ?? false
}

/** The rules and checks answers fail, with how many answers fail each, biggest first. */
export function checkCounts(
  rows: ReadonlyMap<string, QueueRow>
): { code: string; count: number }[] {
  const counts = new Map<string, number>()
  for (const row of rows.values()) {
    const codes = new Set([
      ...(row.status === 'review' && row.rule ? [row.rule.code] : []),
      ...(row.flags ?? []).map((flag) => flag.code)
    ])
    for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1)
  }
  return [...counts].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count)
}

const ANSWERED = new Set<RowStatus>(['done', 'review', 'approved', 'rejected'])

/**
 * Counts for the header, as the footer, the jobs list and the export count them: `done` is every
 * answer kept; of those, `review` still needs a look and `approved` was approved.
 */
export function queueCounts(rows: ReadonlyMap<string, QueueRow>): {
  total: number
  done: number
  review: number
  approved: number
  failed: number
} {
  const counts = { total: 0, done: 0, review: 0, approved: 0, failed: 0 }
  for (const row of rows.values()) {
    counts.total++
    if (ANSWERED.has(row.status)) counts.done++
    if (row.status === 'review') counts.review++
    if (row.status === 'approved') counts.approved++
    if (row.status === 'failed') counts.failed++
  }
  return counts
}

/** Failures grouped by cause, biggest first. */
export function failureGroups(
  rows: ReadonlyMap<string, QueueRow>
): { code: string; count: number }[] {
  const groups = new Map<string, number>()
  for (const row of rows.values())
    if (row.status === 'failed')
      groups.set(row.code ?? 'failed', (groups.get(row.code ?? 'failed') ?? 0) + 1)
  return [...groups].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count)
}
