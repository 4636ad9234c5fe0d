import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { IMAGE_MODELS, IMAGE_QUALITIES } from '@shared/models/image-models'
import type { StudioView } from '@shared/studio/studio-view'
import { useApp } from '../../context'

const SIZES = ['1024x1024', '1536x1024', '1024x1536', 'auto']
type Change = Parameters<ReturnType<typeof useApp>['bridge']['studio']['setOptions']>[0]

/** Recipe, model, quality, size, the scene in words, the time and money given. */
export function StudioFields({
  studio,
  locked
}: {
  studio: StudioView
  locked: boolean
}): React.JSX.Element {
  const { bridge, act } = useApp()
  const { t } = useTranslation()
  const { options } = studio
  const recipe = studio.recipes.find((r) => r.id === options.recipeId)
  const change = (patch: Change): void => void act(() => bridge.studio.setOptions(patch))
  return (
    <fieldset className="options" disabled={locked}>
      <label className="field-row">
        <span>{t('studio.recipe')}</span>
        <select value={options.recipeId} onChange={(e) => change({ recipeId: e.target.value })}>
          {studio.recipes.map((r) => (
            <option key={r.id} value={r.id}>
              {t(`studio.recipes.${r.id}`, { defaultValue: r.name })}
            </option>
          ))}
        </select>
      </label>
      {recipe?.model && (
        <>
          <label className="field-row">
            <span>{t('studio.model')}</span>
            <select
              value={options.model ?? recipe.model}
              onChange={(e) => change({ model: e.target.value })}
            >
              {IMAGE_MODELS.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.shutdownDate ? t('studio.modelGone', { n: m.id, date: m.shutdownDate }) : m.id}
                </option>
              ))}
            </select>
          </label>
          <label className="field-row">
            <span>{t('studio.quality')}</span>
            <select
              value={options.quality ?? recipe.quality}
              onChange={(e) => change({ quality: e.target.value as Change['quality'] })}
            >
              {IMAGE_QUALITIES.map((q) => (
                <option key={q} value={q}>
                  {t(`studio.qualities.${q}`)}
                </option>
              ))}
            </select>
          </label>
          <label className="field-row">
            <span>{t('studio.size')}</span>
            <select
              value={options.size ?? recipe.size}
              onChange={(e) => change({ size: e.target.value })}
            >
              {SIZES.map((size) => (
                <option key={size} value={size}>
                  {size === 'auto' ? t('studio.sizeAuto') : size}
                </option>
              ))}
            </select>
          </label>
          <PromptField
            value={options.prompt ?? ''}
            placeholder={recipe.prompt ?? ''}
            onSave={(prompt) => change({ prompt: prompt || null })}
          />
          {!recipe.generate && (
            <label className="check-row small">
              <input
                type="checkbox"
                checked={options.batch ?? false}
                onChange={(e) => change({ batch: e.target.checked || null })}
              />
              {t('studio.batch')}
            </label>
          )}
        </>
      )}
      <NumberField
        label={t('studio.finishWithin')}
        value={options.finishWithin}
        onSave={(n) => change({ finishWithin: n })}
      />
      <NumberField
        label={t('studio.budget')}
        value={options.budgetUsd}
        onSave={(n) => change({ budgetUsd: n })}
      />
    </fieldset>
  )
}

function PromptField(props: {
  value: string
  placeholder: string
  onSave: (v: string) => void
}): React.JSX.Element {
  const { t } = useTranslation()
  const [text, setText] = useState(props.value)
  useEffect(() => setText(props.value), [props.value])
  return (
    <label className="field studio-prompt">
      <span className="small muted">{t('studio.prompt')}</span>
      <textarea
        rows={3}
        value={text}
        placeholder={props.placeholder}
        onChange={(e) => setText(e.target.value)}
        onBlur={() => text.trim() !== props.value && props.onSave(text.trim())}
      />
    </label>
  )
}

/** A number a person types (minutes, dollars): saved when it is one, cleared when emptied. */
function NumberField(props: {
  label: string
  value: number | undefined
  onSave: (n: number | null) => void
}): React.JSX.Element {
  const { t } = useTranslation()
  const [text, setText] = useState(props.value?.toString() ?? '')
  useEffect(() => setText(props.value?.toString() ?? ''), [props.value])
  const number = Number(text.replace(',', '.'))
  const wrong = text.trim() !== '' && !(Number.isFinite(number) && number > 0)
  const save = (): void => {
    if (wrong) return
    const next = text.trim() === '' ? null : number
    if (next !== (props.value ?? null)) props.onSave(next)
  }
  return (
    <label className="field-row">
      <span>{props.label}</span>
      <input
        className="money-input"
        inputMode="decimal"
        value={text}
        placeholder={t('studio.none')}
        aria-invalid={wrong}
        onChange={(e) => setText(e.target.value)}
        onBlur={save}
        onKeyDown={(e) => e.key === 'Enter' && save()}
      />
      {wrong && <span className="field-problem">{t('studio.notPositive')}</span>}
    </label>
  )
}
