import type { TFunction } from 'i18next'
import { useTranslation } from 'react-i18next'
import { useApp, useWorkspaceState } from '../../context'
import { useFormat, type Formatters } from '../../words/format'
import type { JobEntry } from '@shared/domain/workspace'

const NO_JOBS: JobEntry[] = []

/** The left column: jobs, newest first, with their counts; a click opens one. */
export function JobsSidebar(): React.JSX.Element {
  const { bridge, act } = useApp()
  const { t } = useTranslation()
  const format = useFormat()
  const jobs = useWorkspaceState((s) => s.snapshot?.jobs ?? NO_JOBS)
  const openId = useWorkspaceState((s) => s.view?.id)
  return (
    <aside className="sidebar" aria-label={t('jobs.title')}>
      <div className="sidebar-head">
        <h2 className="section-title">{t('jobs.title')}</h2>
        <button
          type="button"
          className="ghost small"
          onClick={() => void act(() => bridge.jobs.newQueue())}
        >
          {t('jobs.new')}
        </button>
      </div>
      {jobs.length === 0 ? (
        <p className="muted small">{t('jobs.empty')}</p>
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
                <span className="job-counts muted small">{jobCounts(job, t, format)}</span>
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

/** "1,180/1,240 · 12 failed", "done · 30 · 12 approved", "… · stopped". */
export function jobCounts(job: JobEntry, t: TFunction, format: Formatters): string {
  const approved = job.approved > 0 ? t('queue.approvedCount', { n: format.count(job.approved) }) : ''
  return progressCounts(job, t, format) + approved
}

function progressCounts(job: JobEntry, t: TFunction, { count }: Formatters): string {
  const failed = job.failed > 0 ? t('jobs.failed', { n: count(job.failed) }) : ''
  if (job.finished && job.failed === 0) return t('jobs.done', { done: count(job.done) })
  const state = job.running
    ? ''
    : job.stopKind
      ? t('jobs.stopped')
      : job.finished
        ? ''
        : t('jobs.unfinished')
  return `${count(job.done)}/${count(job.total)}${failed}${state}`
}
