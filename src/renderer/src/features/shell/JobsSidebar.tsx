import { useApp, useWorkspaceState } from '../../context'
import { count } from '../../words/format'
import type { JobEntry } from '@shared/domain/workspace'

const NO_JOBS: JobEntry[] = []

/** The left column: jobs, newest first, with their counts; a click opens one. */
export function JobsSidebar(): React.JSX.Element {
  const { bridge, act } = useApp()
  const jobs = useWorkspaceState((s) => s.snapshot?.jobs ?? NO_JOBS)
  const openId = useWorkspaceState((s) => s.view?.id)
  return (
    <aside className="sidebar" aria-label="Jobs">
      <div className="sidebar-head">
        <h2 className="section-title">Jobs</h2>
        <button
          type="button"
          className="ghost small"
          onClick={() => void act(() => bridge.jobs.newQueue())}
        >
          + New
        </button>
      </div>
      {jobs.length === 0 ? (
        <p className="muted small">No jobs yet. Your first job appears here when you run it.</p>
      ) : (
        <ul className="job-list">
          {jobs.map((job) => (
            <li key={job.id}>
              <button
                type="button"
                className={`job-item${job.id === openId ? ' job-item-open' : ''}`}
                aria-current={job.id === openId ? 'true' : undefined}
                onClick={() => void act(() => bridge.jobs.open({ id: job.id }))}
              >
                <span className={`job-dot job-dot-${jobTone(job)}`} aria-hidden="true" />
                <span className="job-name truncate" title={job.name}>
                  {job.name}
                </span>
                <span className="job-counts muted small">{jobCounts(job)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  )
}

function jobTone(job: JobEntry): string {
  if (job.running) return 'running'
  if (job.stopKind) return 'stopped'
  return job.finished ? 'done' : 'open'
}

/** "1,180/1,240 · 12 failed", "done", "stopped". */
export function jobCounts(job: JobEntry): string {
  const failed = job.failed > 0 ? ` · ${count(job.failed)} failed` : ''
  if (job.finished && job.failed === 0) return `done · ${count(job.done)}`
  const state = job.running ? '' : job.stopKind ? ' · stopped' : job.finished ? '' : ' · unfinished'
  return `${count(job.done)}/${count(job.total)}${failed}${state}`
}
