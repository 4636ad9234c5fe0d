import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useApp } from '../../context'

/** "Save as my recipe…" (a name, then Save) and "Import recipe…" under the recipe picker. */
export function RecipeActions({ locked }: { locked: boolean }): React.JSX.Element {
  const { bridge, act } = useApp()
  const { t } = useTranslation()
  const [naming, setNaming] = useState(false)
  const [name, setName] = useState('')
  const save = async (): Promise<void> => {
    const saved = await act(() => bridge.studio.saveRecipe({ name }))
    if (saved) {
      setNaming(false)
      setName('')
    }
  }
  if (naming)
    return (
      <div className="recipe-actions">
        <input
          aria-label={t('studio.recipeName')}
          placeholder={t('studio.recipeName')}
          value={name}
          maxLength={80}
          autoFocus
          onChange={(e) => setName(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && name.trim() && void save()}
        />
        <button type="button" className="small" disabled={!name.trim()} onClick={() => void save()}>
          {t('studio.save')}
        </button>
        <button type="button" className="small ghost" onClick={() => setNaming(false)}>
          {t('studio.cancel')}
        </button>
      </div>
    )
  return (
    <div className="recipe-actions">
      <button
        type="button"
        className="small ghost"
        disabled={locked}
        onClick={() => setNaming(true)}
      >
        {t('studio.saveAs')}
      </button>
      <button
        type="button"
        className="small ghost"
        disabled={locked}
        onClick={() => void act(() => bridge.studio.importRecipe())}
      >
        {t('studio.import')}
      </button>
    </div>
  )
}
