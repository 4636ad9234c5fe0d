import { useCallback, useDeferredValue, useMemo, useState } from 'react'
import { useApp, useWorkspaceState } from '../../context'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../words/format'
import { failureTitle } from '../../words/status'
import { FILTERS, summarizeQueue, visibleIds, type Filter } from './filters'
import { QueueList } from './QueueList'
import { useDropAnywhere } from './useDropAnywhere'
import { CheckFilter } from './CheckFilter'
import { noRetryReason } from '@shared/domain/failure-codes'

/** The queue: photos dropped or added, filtered and searched, failures grouped with one Retry each. */
export function QueuePane(): React.JSX.Element | null {
  const { bridge, act } = useApp()
  const { t } = useTranslation()
  const { count, photos } = useFormat()
  const view = useWorkspaceState((s) => s.view)
  const hasKey = useWorkspaceState((s) => s.snapshot?.connection.hasKey ?? false)
  const [filter, setFilter] = useState<Filter>('all')
  const [search, setSearch] = useState('')
  const [check, setCheck] = useState('')
  const version = useDeferredValue(view?.version)
  const onFiles = useCallback(
    (files: File[]) => void act(() => bridge.addDropped(files)),
    [bridge, act]
  )
  const dragging = useDropAnywhere(onFiles)
  const rows = view?.rows
  const ids = useMemo(
    () => (view && rows ? visibleIds(view.ids, rows, filter, search, check) : []),
    // `version` says when the rows changed (they are updated in place).
    [view?.ids, rows, version, filter, search, check]
  )
  // `version` says when the rows changed (they are updated in place).
  const summary = useMemo(() => summarizeQueue(rows ?? new Map()), [rows, version])
  const { counts, failures: groups } = summary
  const overlay = dragging && (
    <div className="drop-overlay" aria-hidden="true">
      {t('queue.dropOverlay')}
    </div>
  )
  if (!view || view.ids.length === 0)
    return (
      <section className="queue" aria-label={t('queue.label')}>
        {overlay}
        <div className={`dropzone${dragging ? ' dropzone-active' : ''}`} data-testid="dropzone">
          <svg className="dropzone-icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M12 16V4m0 0-4.5 4.5M12 4l4.5 4.5M4 15v3a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-3" />
          </svg>
          <p className="dropzone-title">{t('queue.dropTitle')}</p>
          <p className="muted small">{t('queue.dropFormats')}</p>
          <button
            type="button"
            className={hasKey ? 'primary' : ''}
            onClick={() => void act(() => bridge.queue.choose())}
          >
            {t('queue.add')}
          </button>
        </div>
      </section>
    )
  return (
    <section className="queue" aria-label={t('queue.label')}>
      {overlay}
      <div className="queue-header">
        <h2 className="section-title">{t('queue.label')}</h2>
        <span className="muted small" data-testid="queue-counts">
          {[
            photos(counts.total),
            t('queue.doneCount', { n: count(counts.done) }),
            counts.review ? t('queue.reviewCount', { n: count(counts.review) }) : '',
            counts.approved ? t('queue.approvedCount', { n: count(counts.approved) }) : '',
            counts.failed ? t('queue.failedCount', { n: count(counts.failed) }) : '',
            view.walking ? t('queue.walking') : ''
          ].join('')}
        </span>
        <div className="queue-tools">
          <input
            type="search"
            placeholder={t('queue.searchShort')}
            aria-label={t('queue.search')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <select
            aria-label={t('queue.show')}
            value={filter}
            onChange={(e) => {
              setFilter(e.target.value as Filter)
              setCheck('')
            }}
          >
            {FILTERS.map((id) => (
              <option key={id} value={id}>
                {t(`queue.filter.${id}`)}
              </option>
            ))}
          </select>
          <CheckFilter checks={summary.checks} check={check} onCheck={setCheck} />
          {view.kind === 'job' && counts.done > counts.approved && (
            <button
              type="button"
              className="small"
              title={t('queue.approvePassingTitle')}
              onClick={() => void act(() => bridge.review.approvePassing())}
            >
              {t('queue.approvePassing')}
            </button>
          )}
          <button
            type="button"
            className="ghost"
            onClick={() => void act(() => bridge.queue.choose())}
            title={t('queue.addTitle')}
          >
            {t('queue.addMore')}
          </button>
        </div>
      </div>
      {groups.length > 0 && <FailureGroups groups={groups} />}
      <SelectionBar kind={view.kind} />
      <QueueList ids={ids} />
    </section>
  )
}

function FailureGroups({
  groups
}: {
  groups: { code: string; count: number }[]
}): React.JSX.Element {
  const { bridge, act } = useApp()
  const { t } = useTranslation()
  const { count } = useFormat()
  return (
    <ul className="failure-groups" aria-label={t('queue.groups')}>
      {groups
        .map((group) => ({ ...group, noRetry: noRetryReason(group.code) }))
        .map((group) => (
          <li key={group.code} className="failure-group">
            <span>
              <strong>{count(group.count)}</strong> · {failureTitle(group.code, t)}
            </span>
            {group.noRetry ? (
              <span className="small muted">{t(`queue.noRetry.${group.noRetry}`)}</span>
            ) : (
              <button
                type="button"
                className="small"
                onClick={() => void act(() => bridge.run.retry({ code: group.code }))}
              >
                {t('queue.retry')}
              </button>
            )}
          </li>
        ))}
    </ul>
  )
}

function SelectionBar({ kind }: { kind: 'draft' | 'job' }): React.JSX.Element | null {
  const { bridge, store, act } = useApp()
  const { t } = useTranslation()
  const { count } = useFormat()
  const selected = useWorkspaceState((s) => s.selected)
  if (selected.size === 0) return null
  const ids = [...selected]
  const done = (): void => store.getState().clearSelection()
  return (
    <div className="selection-bar" role="toolbar" aria-label={t('queue.selected')}>
      <span>{t('queue.selectedCount', { n: count(ids.length) })}</span>
      {kind === 'job' && (
        <button
          type="button"
          className="small"
          onClick={() => void act(() => bridge.run.retry({ ids })).then(done)}
        >
          {t('queue.retrySelected')}
        </button>
      )}
      {kind === 'draft' && ids.length <= 20 && (
        <button
          type="button"
          className="small"
          onClick={() => void act(() => bridge.run.sample({ ids })).then(done)}
        >
          {t('queue.sampleSelected')}
        </button>
      )}
      <button
        type="button"
        className="small"
        onClick={() => void act(() => bridge.queue.remove({ ids })).then(done)}
      >
        {t('queue.remove')}
      </button>
      <button type="button" className="small ghost" onClick={done}>
        {t('queue.clear')}
      </button>
    </div>
  )
}
