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

/** Codes with how many rows have each, biggest first. */
type CodeCounts = { code: string; count: number }[]

/** What the queue's header shows of all its rows, from one pass over them. */
export interface QueueSummary {
  /** As the footer, the jobs list and the export count: `done` is every answer kept; of those, `review` still needs a look and `approved` was approved. */
  counts: { total: number; done: number; review: number; approved: number; failed: number }
  /** Failures grouped by cause. */
  failures: CodeCounts
  /** The rules and checks answers fail, with how many answers fail each. */
  checks: CodeCounts
}

const ANSWERED = new Set<RowStatus>(['done', 'review', 'approved', 'rejected'])

/**
 * Counts, failure causes and failing checks in one pass that allocates nothing per row: a
 * 100,000-row queue is summed each time its rows change.
 */
export function summarizeQueue(rows: ReadonlyMap<string, QueueRow>): QueueSummary {
  const counts = { total: 0, done: 0, review: 0, approved: 0, failed: 0 }
  const failures = new Map<string, number>()
  const checks = new Map<string, number>()
  for (const row of rows.values()) {
    counts.total++
    if (ANSWERED.has(row.status)) counts.done++
    if (row.status === 'review') counts.review++
    else if (row.status === 'approved') counts.approved++
    else if (row.status === 'failed') {
      counts.failed++
      bump(failures, row.code ?? 'failed')
    }
    if (row.flags || (row.status === 'review' && row.rule)) countChecks(row, checks)
  }
  return { counts, failures: biggestFirst(failures), checks: biggestFirst(checks) }
}

/** A row counts once for each check it fails (its rule when waiting for review, its flags). */
function countChecks(row: QueueRow, checks: Map<string, number>): void {
  const codes = new Set((row.flags ?? []).map((flag) => flag.code))
  if (row.status === 'review' && row.rule) codes.add(row.rule.code)
  for (const code of codes) bump(checks, code)
}

function bump(counts: Map<string, number>, code: string): void {
  counts.set(code, (counts.get(code) ?? 0) + 1)
}

function biggestFirst(counts: Map<string, number>): CodeCounts {
  return [...counts].map(([code, count]) => ({ code, count })).sort((a, b) => b.count - a.count)
}
