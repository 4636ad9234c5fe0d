import { memo } from 'react'
import type { TFunction } from 'i18next'
import type { StudioItem } from '@shared/studio/studio-view'
import { STATUS_TONE, afterUrl } from './studio-words'

interface StudioRowProps {
  rowId: string
  name: string
  item: StudioItem | undefined
  base: string
  viewId: string
  t: TFunction
  onOpen: (rowId: string) => void
}

/** One photo in the studio: before → after, its state in words, and what made the image. */
export const StudioRow = memo(function StudioRow({
  rowId,
  name,
  item,
  base,
  viewId,
  t,
  onOpen
}: StudioRowProps): React.JSX.Element {
  const status = item?.status ?? 'queued'
  return (
    <div
      className="row studio-row"
      role="row"
      data-testid="studio-row"
      data-status={status}
      onDoubleClick={() => item?.output && onOpen(rowId)}
    >
      <img className="thumb" src={`${base}${viewId}/${rowId}`} alt="" loading="lazy" />
      <span className="studio-arrow" aria-hidden="true">
        →
      </span>
      {item?.output ? (
        <img
          className="thumb"
          src={afterUrl(base, viewId, rowId, item.output)}
          alt={t('studio.after')}
        />
      ) : (
        <span className="thumb thumb-missing" aria-hidden="true" />
      )}
      <div className="row-main">
        <div className="row-title">
          <span className="row-name truncate">{name}</span>
          <span className={`chip chip-${STATUS_TONE[status]}`}>{t(`studio.status.${status}`)}</span>
          {item?.approved && <span className="chip chip-green">{t('studio.approved')}</span>}
        </div>
        <div className="row-text muted small truncate">
          {item?.reason ?? (item?.output ? `${item.output} · ${item.madeWith ?? ''}` : '')}
        </div>
      </div>
      {item?.output && (
        <button type="button" className="small ghost" onClick={() => onOpen(rowId)}>
          {t('studio.compare')}
        </button>
      )}
    </div>
  )
})
