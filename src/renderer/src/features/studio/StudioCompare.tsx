import { useEffect, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp, useWorkspaceState } from '../../context'
import { afterUrl } from './studio-words'

/**
 * Before/after of one photo: the made image over the photo, cut at a slider the person drags (or
 * moves with the arrow keys); Approve puts the image in the shop exports. A and Enter approve,
 * Escape closes, J and K go to the next and previous made image.
 */
export function StudioCompare({ rowId }: { rowId: string }): React.JSX.Element | null {
  const { bridge, act, store } = useApp()
  const { t } = useTranslation()
  const studio = useWorkspaceState((s) => s.studio)
  const base = useWorkspaceState((s) => s.info?.thumbnailBase ?? '')
  const [cut, setCut] = useState(50)
  const made = useMemo(() => (studio?.items ?? []).filter((item) => item.output), [studio?.items])
  const index = made.findIndex((item) => item.rowId === rowId)
  const item = made[index]
  useEffect(() => {
    const keys = (event: KeyboardEvent): void => {
      const target = event.target as HTMLElement
      if (target.closest('textarea, select, dialog, input:not([type="range"])')) return
      // Enter on a button presses that button, not Approve as well.
      if (event.key === 'Enter' && target.closest('button')) return
      const go = (step: number) =>
        made[index + step] && store.getState().compare(made[index + step].rowId)
      if (event.key === 'Escape') store.getState().compare(null)
      else if (event.key === 'j') go(1)
      else if (event.key === 'k') go(-1)
      else if ((event.key === 'a' || event.key === 'Enter') && item)
        void act(() => bridge.studio.approve({ ids: [item.rowId], approved: !item.approved }))
    }
    window.addEventListener('keydown', keys)
    return () => window.removeEventListener('keydown', keys)
  }, [made, index, item, store, act, bridge])
  if (!studio || !item?.output) return null
  return (
    <aside
      className="run-panel studio-compare"
      aria-label={t('studio.compareTitle')}
      data-testid="studio-compare"
    >
      <div className="review-head">
        <h2 className="section-title truncate">{item.name}</h2>
        <button
          type="button"
          className="small ghost"
          onClick={() => store.getState().compare(null)}
        >
          {t('studio.close')}
        </button>
      </div>
      <div className="compare-frame" style={{ ['--cut' as string]: `${cut}%` }}>
        <img
          className="compare-before"
          src={`${base}large/${studio.viewId}/${item.rowId}`}
          alt={t('studio.before')}
        />
        <img
          className="compare-after"
          src={afterUrl(base, studio.viewId, item.rowId, item.output, true)}
          alt={t('studio.after')}
        />
        <span className="compare-label compare-label-before">{t('studio.before')}</span>
        <span className="compare-label compare-label-after">{t('studio.after')}</span>
      </div>
      <input
        type="range"
        min={0}
        max={100}
        value={cut}
        aria-label={t('studio.slider')}
        onChange={(e) => setCut(Number(e.target.value))}
        className="compare-slider"
      />
      <p className="small muted">
        {t('studio.madeWith', { what: item.madeWith ?? '', file: item.output })}
      </p>
      <div className="run-buttons">
        <button
          type="button"
          className={item.approved ? '' : 'primary'}
          onClick={() =>
            void act(() => bridge.studio.approve({ ids: [item.rowId], approved: !item.approved }))
          }
        >
          {item.approved ? t('studio.unapprove') : t('studio.approve')}
        </button>
        <span className="small muted">
          {t('studio.position', { n: index + 1, of: made.length })}
        </span>
      </div>
      <p className="small muted">{t('studio.keysHint')}</p>
    </aside>
  )
}
