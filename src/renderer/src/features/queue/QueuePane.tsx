import { useCallback, useDeferredValue, useMemo, useState } from 'react'
import { useApp, useWorkspaceState } from '../../context'
import { count, photos } from '../../words/format'
import { failureTitle } from '../../words/status'
import { FILTERS, failureGroups, queueCounts, visibleIds, type Filter } from './filters'
import { QueueList } from './QueueList'
import { useDropAnywhere } from './useDropAnywhere'

/** The queue: photos dropped or added, filtered and searched, failures grouped with one Retry each. */
export function QueuePane(): React.JSX.Element | null {
  const { bridge, act } = useApp()
  const view = useWorkspaceState((s) => s.view)
  const hasKey = useWorkspaceState((s) => s.snapshot?.connection.hasKey ?? false)
  const [filter, setFilter] = useState<Filter>('all')
  const [search, setSearch] = useState('')
  const version = useDeferredValue(view?.version)
  const onFiles = useCallback(
    (files: File[]) => void act(() => bridge.addDropped(files)),
    [bridge, act]
  )
  const dragging = useDropAnywhere(onFiles)
  const rows = view?.rows
  const ids = useMemo(
    () => (view && rows ? visibleIds(view.ids, rows, filter, search) : []),
    // `version` says when the rows changed (they are updated in place).
    [view?.ids, rows, version, filter, search]
  )
  const counts = useMemo(() => queueCounts(rows ?? new Map()), [rows, version])
  const groups = useMemo(() => failureGroups(rows ?? new Map()), [rows, version])
  const overlay = dragging && (
    <div className="drop-overlay" aria-hidden="true">
      Drop to add photos
    </div>
  )
  if (!view || view.ids.length === 0)
    return (
      <section className="queue" aria-label="Queue">
        {overlay}
        <div className={`dropzone${dragging ? ' dropzone-active' : ''}`} data-testid="dropzone">
          <svg className="dropzone-icon" viewBox="0 0 24 24" aria-hidden="true">
            <path d="M12 16V4m0 0-4.5 4.5M12 4l4.5 4.5M4 15v3a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2v-3" />
          </svg>
          <p className="dropzone-title">Drop photos or folders here</p>
          <p className="muted small">
            JPEG, PNG, WebP, GIF, AVIF, TIFF, BMP — folders are searched inside.
          </p>
          <button
            type="button"
            className={hasKey ? 'primary' : ''}
            onClick={() => void act(() => bridge.queue.choose())}
          >
            Add photos…
          </button>
        </div>
      </section>
    )
  return (
    <section className="queue" aria-label="Queue">
      {overlay}
      <div className="queue-header">
        <h2 className="section-title">Queue</h2>
        <span className="muted small" data-testid="queue-counts">
          {photos(counts.total)} · {count(counts.done)} done
          {counts.review ? ` · ${count(counts.review)} need review` : ''}
          {counts.failed ? ` · ${count(counts.failed)} failed` : ''}
          {view.walking ? ' · finding photos…' : ''}
        </span>
        <div className="queue-tools">
          <input
            type="search"
            placeholder="Search file names"
            aria-label="Search file names"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <select
            aria-label="Show"
            value={filter}
            onChange={(e) => setFilter(e.target.value as Filter)}
          >
            {FILTERS.map((f) => (
              <option key={f.id} value={f.id}>
                {f.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            className="ghost"
            onClick={() => void act(() => bridge.queue.choose())}
            title="Add photos (Ctrl+O)"
          >
            + Add photos…
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
  return (
    <ul className="failure-groups" aria-label="Failures by cause">
      {groups.map((group) => (
        <li key={group.code} className="failure-group">
          <span>
            <strong>{count(group.count)}</strong> · {failureTitle(group.code)}
          </span>
          <button
            type="button"
            className="small"
            onClick={() => void act(() => bridge.run.retry({ code: group.code }))}
          >
            Retry
          </button>
        </li>
      ))}
    </ul>
  )
}

function SelectionBar({ kind }: { kind: 'draft' | 'job' }): React.JSX.Element | null {
  const { bridge, store, act } = useApp()
  const selected = useWorkspaceState((s) => s.selected)
  if (selected.size === 0) return null
  const ids = [...selected]
  const done = (): void => store.getState().clearSelection()
  return (
    <div className="selection-bar" role="toolbar" aria-label="Selected photos">
      <span>{count(ids.length)} selected</span>
      {kind === 'job' && (
        <button
          type="button"
          className="small"
          onClick={() => void act(() => bridge.run.retry({ ids })).then(done)}
        >
          Retry selected
        </button>
      )}
      {kind === 'draft' && ids.length <= 20 && (
        <button
          type="button"
          className="small"
          onClick={() => void act(() => bridge.run.sample({ ids })).then(done)}
        >
          Try these as a sample
        </button>
      )}
      <button
        type="button"
        className="small"
        onClick={() => void act(() => bridge.queue.remove({ ids })).then(done)}
      >
        Remove
      </button>
      <button type="button" className="small ghost" onClick={done}>
        Clear
      </button>
    </div>
  )
}
