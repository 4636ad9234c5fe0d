import { useCallback, useMemo, useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useFormat } from '../../words/format'
import { useApp, useWorkspaceState } from '../../context'
import { QueueRowView, type RowActions } from './QueueRowView'
import { useFastScroll } from './useFastScroll'
import { useFreshRows } from './useFreshRows'
import { RowSlots } from '../../components/RowSlots'
import { RowSkeleton } from '../../components/RowSkeleton'
import { useRowWindow } from '../../components/useRowWindow'

export const ROW_HEIGHT = 64
const EDIT_HEIGHT = 64 + 150

/** The virtualized queue: only the rows in view are in the page, smooth at 10,000 rows. */
export function QueueList({ ids }: { ids: string[] }): React.JSX.Element {
  const { bridge, store, act } = useApp()
  const { t } = useTranslation()
  const { money } = useFormat()
  const words = useMemo(() => ({ t, money }), [t, money])
  const viewId = useWorkspaceState((s) => s.view?.id ?? '')
  const rows = useWorkspaceState((s) => s.view?.rows)
  const rowAt = useWorkspaceState((s) => s.view?.rowAt)
  // Rows change in place; the version re-renders the list so changed rows reach their views.
  useWorkspaceState((s) => s.view?.version)
  const selected = useWorkspaceState((s) => s.selected)
  const base = useWorkspaceState((s) => s.info?.thumbnailBase ?? '')
  const [editing, setEditing] = useState<string | null>(null)
  const scroller = useRef<HTMLDivElement>(null)
  const holdUpdates = useCallback(() => store.getState().holdUpdates(), [store])
  const { pace, flyingNow } = useFastScroll(scroller, holdUpdates)
  const fresh = useFreshRows(`${viewId}:${ids.length > 0}`)
  const tall = useMemo(() => (editing ? { id: editing, height: EDIT_HEIGHT } : null), [editing])
  // Flung past, a picture of blank rows covers the list: nothing rendered, for as long as it lasts.
  const flying = pace === 'flying' && !editing
  // Rows that appear while the list moves are sketched. A fling mounts none, and leaves the rows
  // it froze as they are: re-rendering them all was most of the fling's first frame.
  const sketch = (!flying && pace !== 'still') || fresh
  const slots = useRowWindow({
    ids,
    scroller,
    rowHeight: ROW_HEIGHT,
    tall,
    frozen: flying,
    freezes: editing ? undefined : flyingNow
  })
  const actions = useMemo<RowActions>(
    () => ({
      retry: (id) => void act(() => bridge.run.retry({ ids: [id] })),
      edit: setEditing,
      save: async (id, fields) => {
        const saved = await act(() => bridge.queue.edit({ id, fields }))
        if (saved) setEditing(null)
        return Boolean(saved)
      },
      showInFolder: (id) => void act(() => bridge.queue.showInFolder({ id })),
      copy: (id) => void act(() => bridge.queue.copy({ id })),
      toggle: (id, on) => store.getState().select([id], on),
      review: (id) => store.getState().review(id)
    }),
    [bridge, store, act]
  )
  return (
    <div className="queue-frame">
      <div
        ref={scroller}
        className="queue-scroll"
        role="grid"
        aria-rowcount={ids.length}
        aria-label={t('queue.photos')}
        data-testid="queue-list"
      >
        <RowSlots
          rows={slots}
          render={(id, index) => {
            const row = rows?.get(id)
            if (!row) return null
            return (
              <QueueRowView
                row={row}
                index={index}
                heardAt={rowAt?.get(id) ?? 0}
                thumbnail={`${base}${viewId}/${id}`}
                sketch={sketch}
                selected={selected.has(id)}
                editing={editing === id}
                actions={actions}
                words={words}
              />
            )
          }}
        />
      </div>
      <RowSkeleton scroller={scroller} shown={flying} />
    </div>
  )
}
