import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../../context'
import { useFormat } from '../../words/format'

/**
 * "Regenerate with a note": what another answer costs, said before anything is sent; the note
 * ("shorter", "mention the material") goes with the photo. Undo puts the old answer back.
 */
export function RegenerateForm({
  id,
  onDone
}: {
  id: string
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
        void act(() => bridge.review.regenerate({ id, note })).then((sent) => sent && onDone())
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onDone()
      }}
    >
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
