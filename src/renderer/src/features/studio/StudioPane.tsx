import { useCallback, useMemo, useRef } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp, useWorkspaceState } from '../../context'
import { ROW_HEIGHT } from '../queue/QueueList'
import { StudioRow } from './StudioRow'
import { RowSlots } from '../../components/RowSlots'
import { useRowWindow } from '../../components/useRowWindow'
import { studioCounts } from './studio-words'

const SHOWN = [
  'made',
  'cached',
  'working',
  'batched',
  'possiblyBilled',
  'failed',
  'waiting',
  'approved'
] as const

/** The studio's queue: every photo of the open queue, before → after, virtualized. */
export function StudioPane(): React.JSX.Element {
  const { store } = useApp()
  const { t } = useTranslation()
  const view = useWorkspaceState((s) => s.view)
  const studio = useWorkspaceState((s) => s.studio)
  const base = useWorkspaceState((s) => s.info?.thumbnailBase ?? '')
  const items = useMemo(
    () => new Map((studio?.items ?? []).map((item) => [item.rowId, item])),
    [studio?.items]
  )
  const counts = useMemo(() => studioCounts(studio), [studio])
  const ids = view?.ids ?? []
  const scroller = useRef<HTMLDivElement>(null)
  const rows = useRowWindow({ ids, scroller, rowHeight: ROW_HEIGHT })
  const open = useCallback((id: string) => store.getState().compare(id), [store])
  if (!view || ids.length === 0) return <p className="muted studio-empty">{t('studio.empty')}</p>
  return (
    <section className="queue studio-pane" aria-label={t('studio.title')}>
      <div className="queue-header">
        <strong data-testid="studio-counts">
          {[t('studio.count.photos', { count: ids.length })]
            .concat(
              SHOWN.filter((s) => counts[s]).map((s) =>
                t(`studio.count.${s}`, { count: counts[s] })
              )
            )
            .join(' · ')}
        </strong>
      </div>
      <div
        ref={scroller}
        className="queue-scroll"
        role="grid"
        aria-rowcount={ids.length}
        data-testid="studio-list"
      >
        <RowSlots
          rows={rows}
          render={(id) => (
            <StudioRow
              rowId={id}
              name={view.rows.get(id)?.name ?? id}
              item={items.get(id)}
              base={base}
              viewId={view.id}
              t={t}
              onOpen={open}
            />
          )}
        />
      </div>
    </section>
  )
}
