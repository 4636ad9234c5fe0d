import type { JobEntry } from '@shared/domain/workspace'
import type { JobSummary } from '../../core'

/** A job summary as the sidebar shows it. */
export function jobEntry(summary: JobSummary, running: boolean): JobEntry {
  return {
    id: summary.id,
    name: summary.name,
    createdAt: summary.createdAt,
    total: summary.counts.total,
    done: summary.counts.done,
    failed: summary.counts.failed,
    pending: summary.counts.pending,
    approved: summary.counts.approved,
    review: summary.counts.review,
    spentUsd: summary.spentUsd,
    finished: summary.finished,
    stopKind: summary.stopped?.kind,
    running,
    demo: summary.demo ?? false,
    sample: summary.sample ?? false
  }
}
