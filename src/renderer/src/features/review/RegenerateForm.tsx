import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../../context'
import { useFormat } from '../../words/format'

/**
 * "Regenerate with a note": what another answer costs, said before anything is sent; the note
 * ("shorter", "mention the material") goes with the photo. The whole answer or one field of it
 * (`field`, '' for the whole) is written again. Undo puts the old answer back.
 */
export function RegenerateForm({
  id,
  fields,
  field,
  onField,
  onDone
}: {
  id: string
  fields: readonly { name: string; label: string }[]
  field: string
  onField(field: string): void
  onDone: () => void
}): React.JSX.Element {
  const { t } = useTranslation()
  const { bridge, act } = useApp()
  const { money } = useFormat()
  const [note, setNote] = useState('')
  const [cost, setCost] = useState<number | null | undefined>(undefined)
  useEffect(() => {
    void act(() => bridge.review.regenerateCost({ id })).then((answer) =>
      setCost(answer ? answer.costUsd : null)
    )
  }, [act, bridge, id])
  const price =
    cost === undefined ? '…' : cost === null ? t('review.costUnknown') : `≈ ${money(cost)}`
  return (
    <form
      className="regenerate-form"
      data-testid="regenerate-form"
      onSubmit={(event) => {
        event.preventDefault()
        const asked = field ? { field } : {}
        void act(() => bridge.review.regenerate({ id, note, ...asked })).then(
          (sent) => sent && onDone()
        )
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDone()
      }}
    >
      {fields.length > 1 && (
        <label className="field">
          <span className="small muted">{t('review.regenerateWhat')}</span>
          <select
            value={field}
            data-testid="regenerate-field"
            onChange={(e) => onField(e.target.value)}
          >
            <option value="">{t('review.wholeAnswer')}</option>
            {fields.map((spec) => (
              <option key={spec.name} value={spec.name}>
                {spec.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="field">
        <span className="small muted">{t('review.note')}</span>
        <input
          autoFocus
          value={note}
          maxLength={500}
          placeholder={t('review.notePlaceholder')}
          onChange={(e) => setNote(e.target.value)}
        />
      </label>
      <div className="review-actions">
        <button type="submit" className="primary small">
          {t('review.regenerateFor', { price })}
        </button>
        <button type="button" className="small ghost" onClick={onDone}>
          {t('queue.cancel')}
        </button>
      </div>
    </form>
  )
}
