import { memo, startTransition, useEffect, useState } from 'react'
import type { QueueRow } from '@shared/domain/queue'
import type { TFunction } from 'i18next'
import type { Formatters } from '../../words/format'
import { firstLine } from '../../words/status'
import { RowEditor } from './RowEditor'
import { StatusChip } from './StatusChip'
import { SketchRow } from './SketchRow'
import { noRetryReason } from '@shared/domain/failure-codes'
import { breakText } from '../../words/rules'

export interface RowActions {
  retry(id: string): void
  edit(id: string | null): void
  save(id: string, fields: Record<string, string>): Promise<boolean>
  showInFolder(id: string): void
  copy(id: string): void
  toggle(id: string, on: boolean): void
  /** Opens the row in the review desk. */
  review(id: string): void
}

interface RowProps {
  row: QueueRow
  heardAt: number
  thumbnail: string
  /**
   * The list is flying past (or its rows just appeared): a row that appears now is a `SketchRow`
   * (name and status) and is filled in once the list slows down, in a transition React can
   * interrupt. Once filled in, a row stays so.
   */
  sketch: boolean
  selected: boolean
  editing: boolean
  index: number
  actions: RowActions
  /** The list's words and formatters: one subscription for the list, not three per row. */
  words: { t: TFunction; money: Formatters['money'] }
}

/** One photo in the queue: thumbnail, name, status, the answer or the reason, and its actions. */
export const QueueRowView = memo(function QueueRowView(props: RowProps): React.JSX.Element {
  const { row, actions, words } = props
  const { t } = words
  const [broken, setBroken] = useState(false)
  const [full, setFull] = useState(!props.sketch)
  useEffect(() => {
    if (!props.sketch && !full) startTransition(() => setFull(true))
  }, [props.sketch, full])
  if (!full) return <SketchRow row={row} index={props.index} selected={props.selected} t={t} />
  return (
    <div
      className={`row row-${row.status}${props.selected ? ' row-selected' : ''}`}
      role="row"
      aria-rowindex={props.index + 1}
      data-row-id={row.id}
      data-status={row.status}
      tabIndex={row.fields ? 0 : -1}
      onKeyDown={(event) => {
        if (event.key === 'Enter' && event.target === event.currentTarget && row.fields)
          actions.review(row.id)
      }}
    >
      <span role="gridcell" className="row-cell">
        <input
          type="checkbox"
          aria-label={t('queue.select', { name: row.name })}
          checked={props.selected}
          onChange={(e) => actions.toggle(row.id, e.target.checked)}
        />
      </span>
      <span role="gridcell" className="row-cell">
        {broken ? (
          <span className="thumb thumb-missing" aria-hidden="true" />
        ) : (
          <img
            className="thumb"
            src={props.thumbnail}
            alt=""
            width={48}
            height={48}
            decoding="async"
            onError={() => setBroken(true)}
          />
        )}
      </span>
      <div
        className={row.fields ? 'row-main opens' : 'row-main'}
        role="gridcell"
        onClick={() => row.fields && !props.editing && actions.review(row.id)}
      >
        <div className="row-title">
          <span className="row-name truncate" title={`${row.folder}/${row.name}`}>
            {row.name}
          </span>
          <StatusChip row={row} heardAt={props.heardAt} t={t} />
          {row.edited && <span className="badge">{t('queue.edited')}</span>}
          {row.flags && (
            <span
              className="badge badge-warn row-flag truncate"
              data-testid="row-flags"
              title={row.flags.map((flag) => breakText(flag, t)).join('\n')}
            >
              ⚑ {breakText(row.flags[0], t)}
              {row.flags.length > 1 ? ` +${row.flags.length - 1}` : ''}
            </span>
          )}
          {row.warning === 'cutOff' && (
            <span className="badge badge-warn" title={t('queue.cutOffTitle')}>
              ⚠ {t('queue.cutOff')}
            </span>
          )}
        </div>
        {props.editing && row.fields ? (
          <RowEditor
            fields={row.fields}
            onCancel={() => actions.edit(null)}
            onSave={(fields) => actions.save(row.id, fields)}
          />
        ) : (
          <RowDetail row={row} words={words} />
        )}
      </div>
      <div className="row-actions" role="gridcell">
        <RowButtons {...props} />
      </div>
    </div>
  )
})

/** A row's buttons: retry a failure; review, edit or copy an answer; show the photo's folder. */
function RowButtons({ row, actions, words: { t }, editing }: RowProps): React.JSX.Element {
  return (
    <>
      {row.status === 'failed' && !noRetryReason(row.code) && (
        <button type="button" className="small" onClick={() => actions.retry(row.id)}>
          {t('queue.retry')}
        </button>
      )}
      {row.fields && !editing && (
        <>
          <button
            type="button"
            className="small"
            onClick={() => actions.review(row.id)}
            aria-label={t('queue.reviewLabel', { name: row.name })}
          >
            {t('queue.review')}
          </button>
          <button type="button" className="small ghost" onClick={() => actions.edit(row.id)}>
            {t('queue.edit')}
          </button>
          <button
            type="button"
            className="small ghost"
            onClick={() => actions.copy(row.id)}
            aria-label={t('queue.copyLabel', { name: row.name })}
          >
            {t('queue.copy')}
          </button>
        </>
      )}
      <button
        type="button"
        className="small ghost"
        onClick={() => actions.showInFolder(row.id)}
        aria-label={t('queue.showLabel', { name: row.name })}
        title={t('queue.showTitle')}
      >
        ⌂
      </button>
    </>
  )
}

function RowDetail({
  row,
  words: { t, money }
}: {
  row: QueueRow
  words: RowProps['words']
}): React.JSX.Element | null {
  if (row.fields)
    return (
      <p
        className="row-text truncate"
        title={row.fields.map((f) => `${f.label}: ${f.value}`).join('\n')}
      >
        {firstLine(row) || t('status.done')}
        {row.costUsd ? <span className="muted small"> · {money(row.costUsd)}</span> : null}
      </p>
    )
  if (row.status === 'failed') {
    const why = noRetryReason(row.code)
    const noRetry = why ? t(`queue.noRetry.${why}`) : ''
    return (
      <p className="row-text row-reason truncate" title={[row.reason, noRetry].join('\n')}>
        {row.reason}
        {why && <span className="muted small no-retry"> · {noRetry}</span>}
      </p>
    )
  }
  return (
    <p className="row-text muted small truncate" title={row.folder}>
      {row.folder.split(/[\\/]/).slice(-2).join('/')}
    </p>
  )
}
