import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../../context'

/**
 * The target keywords of the product on the desk: from the product sheet, or typed here. Saving
 * them checks every answer of the product at once and asks for them in its next answers.
 */
export function ProductKeywords({ id }: { id: string }): React.JSX.Element {
  const { t } = useTranslation()
  const { bridge, act } = useApp()
  const [saved, setSaved] = useState('')
  const [typed, setTyped] = useState('')
  useEffect(() => {
    let current = true
    void act(() => bridge.review.keywords({ id })).then((answer) => {
      if (!current || !answer) return
      setSaved(answer.keywords)
      setTyped(answer.keywords)
    })
    return () => {
      current = false
    }
  }, [act, bridge, id])
  return (
    <form
      className="product-keywords"
      data-testid="product-keywords"
      onSubmit={(event) => {
        event.preventDefault()
        void act(() => bridge.review.setKeywords({ id, keywords: typed })).then(
          (done) => done && setSaved(typed.trim())
        )
      }}
    >
      <label className="field">
        <span className="small muted">{t('review.keywords')}</span>
        <input
          value={typed}
          maxLength={300}
          placeholder={t('review.keywordsPlaceholder')}
          onChange={(e) => setTyped(e.target.value)}
        />
      </label>
      <button type="submit" className="small" disabled={typed.trim() === saved}>
        {t('review.keywordsSave')}
      </button>
    </form>
  )
}
