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

/** The ids to show, in queue order: by status group and a file-name search. */
export function visibleIds(
  ids: readonly string[],
  rows: ReadonlyMap<string, QueueRow>,
  filter: Filter,
  search: string
): string[] {
  const needle = search.trim().toLowerCase()
  if (filter === 'all' && !needle) return ids as string[]
  return ids.filter((id) => {
    const row = rows.get(id)
    if (!row) return false
    if (filter !== 'all' && GROUP[row.status] !== filter) return false
    return !needle || row.name.toLowerCase().includes(needle)
  })
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
