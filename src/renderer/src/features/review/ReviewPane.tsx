import { breakText, ruleText } from '../../words/rules'
import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { QueueRow } from '@shared/domain/queue'
import { useApp, useWorkspaceState } from '../../context'
import { StatusChip } from '../queue/StatusChip'
import { RowEditor } from '../queue/RowEditor'
import { FieldCounter } from './FieldCounter'
import { ProductKeywords } from './ProductKeywords'
import { RegenerateForm } from './RegenerateForm'
import { useReviewKeys } from './useReviewKeys'

/**
 * The review desk: one answered photo, large (click to zoom), every field with its counter and
 * the rule it breaks, and what a person decides — Approve (A), Reject (X), Edit (E), Previous and
 * Next (K, J), Undo (Ctrl+Z), Close (Esc). Every decision is journaled in main.
 */
export function ReviewPane(): React.JSX.Element | null {
  const { t } = useTranslation()
  const { bridge, act, store } = useApp()
  const id = useWorkspaceState((s) => s.reviewing)
  const row = useWorkspaceState((s) => (id ? s.view?.rows.get(id) : undefined))
  useWorkspaceState((s) => s.view?.version)
  const viewId = useWorkspaceState((s) => s.view?.id ?? '')
  const base = useWorkspaceState((s) => s.info?.thumbnailBase ?? '')
  const [editing, setEditing] = useState(false)
  /** The Regenerate form: closed (null), for the whole answer (''), or for one field's name. */
  const [asking, setAsking] = useState<string | null>(null)
  const [zoomed, setZoomed] = useState(false)
  useEffect(() => {
    setEditing(false)
    setAsking(null)
    setZoomed(false)
  }, [id])
  const move = (step: 1 | -1): void => {
    const next = neighbour(store.getState().view, id, step)
    if (next) store.getState().review(next)
  }
  const judge = (verdict: 'approved' | 'rejected'): void => {
    if (!id) return
    void act(() => bridge.review.judge({ ids: [id], verdict })).then(() => move(1))
  }
  const undo = (): void => void act(() => bridge.review.undo())
  const close = (): void => store.getState().review(null)
  useReviewKeys(Boolean(row) && !editing && asking === null, {
    approve: () => judge('approved'),
    reject: () => judge('rejected'),
    edit: () => setEditing(true),
    regenerate: () => setAsking(''),
    next: () => move(1),
    previous: () => move(-1),
    undo,
    close
  })
  if (!id || !row) return null
  return (
    <aside className="review-pane" aria-label={t('review.title')} data-testid="review-pane">
      <div className="review-head">
        <h2 className="section-title truncate" title={row.name}>
          {row.name}
        </h2>
        <StatusChip row={row} heardAt={0} t={t} />
        <button
          type="button"
          className="small ghost"
          onClick={close}
          aria-label={t('review.close')}
        >
          ✕
        </button>
      </div>
      <button
        type="button"
        className={zoomed ? 'review-photo zoomed' : 'review-photo'}
        onClick={() => setZoomed(!zoomed)}
        aria-label={t(zoomed ? 'review.zoomOut' : 'review.zoomIn')}
      >
        <img src={`${base}large/${viewId}/${row.id}`} alt="" />
      </button>
      {editing && row.fields ? (
        <RowEditor
          fields={row.fields}
          onCancel={() => setEditing(false)}
          onSave={async (fields) => {
            const saved = await act(() => bridge.queue.edit({ id: row.id, fields }))
            if (saved) setEditing(false)
            return Boolean(saved)
          }}
        />
      ) : (
        <ReviewFields row={row} onRegenerate={setAsking} />
      )}
      {row.review && !editing && <p className="review-rule">{ruleText(row, t)}</p>}
      {row.flags && !editing && (
        <ul className="review-flags" aria-label={t('rule.flags')} data-testid="review-flags">
          {row.flags.map((flag) => (
            <li key={`${flag.code}-${flag.field ?? ''}`}>⚑ {breakText(flag, t)}</li>
          ))}
        </ul>
      )}
      {!editing && <ProductKeywords id={row.id} />}
      {asking !== null && (
        <RegenerateForm
          id={row.id}
          fields={row.fields ?? []}
          field={asking}
          onField={setAsking}
          onDone={() => setAsking(null)}
        />
      )}
      <div className="review-actions">
        <button type="button" className="primary small" onClick={() => judge('approved')}>
          {t('review.approve')}
        </button>
        <button type="button" className="small" onClick={() => judge('rejected')}>
          {t('review.reject')}
        </button>
        <button type="button" className="small" onClick={() => setEditing(true)} disabled={editing}>
          {t('queue.edit')}
        </button>
        <button
          type="button"
          className="small"
          onClick={() => setAsking('')}
          disabled={asking !== null}
        >
          {t('review.regenerate')}
        </button>
        <button type="button" className="small ghost" onClick={() => move(-1)}>
          {t('review.previous')}
        </button>
        <button type="button" className="small ghost" onClick={() => move(1)}>
          {t('review.next')}
        </button>
        <button type="button" className="small ghost" onClick={undo}>
          {t('review.undo')}
        </button>
      </div>
      <p className="muted small">{t('review.keys')}</p>
    </aside>
  )
}

/** The answer's fields with their counters; a field of several can be asked for again alone (↻). */
function ReviewFields({
  row,
  onRegenerate
}: {
  row: QueueRow
  onRegenerate(field: string): void
}): React.JSX.Element {
  const { t } = useTranslation()
  const fields = row.fields ?? []
  return (
    <dl className="review-fields">
      {fields.map((field) => (
        <div key={field.name} className="review-field">
          <dt>
            <span>{field.label}</span>
            <FieldCounter field={field} />
            {fields.length > 1 && (
              <button
                type="button"
                className="small ghost field-redo"
                aria-label={t('review.regenerateField', { field: field.label })}
                title={t('review.regenerateField', { field: field.label })}
                onClick={() => onRegenerate(field.name)}
              >
                ↻
              </button>
            )}
          </dt>
          <dd>{field.value}</dd>
        </div>
      ))}
    </dl>
  )
}

/** The answered row before or after `id` in the queue's order. */
function neighbour(
  view: { ids: readonly string[]; rows: ReadonlyMap<string, QueueRow> } | null,
  id: string | null,
  step: 1 | -1
): string | null {
  if (!view || !id) return null
  const ids = view.ids
  for (let i = ids.indexOf(id) + step; i >= 0 && i < ids.length; i += step)
    if (view.rows.get(ids[i])?.fields) return ids[i]
  return null
}
