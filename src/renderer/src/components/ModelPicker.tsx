import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import { useModels } from '../hooks/useModels'

const OTHER = '__other__'

/**
 * The catalog's models, and "Other model…" for any id an endpoint serves (`llava` on Ollama,
 * `openai/gpt-4.1-mini` on OpenRouter): typed in, taken when the field is left or Enter pressed.
 */
export function ModelPicker({
  id,
  value,
  onChange
}: {
  id?: string
  value: string
  onChange(model: string): void
}): React.JSX.Element {
  const { t } = useTranslation()
  const models = useModels()
  const known = models.some((m) => m.id === value)
  const [other, setOther] = useState(!known)
  const [typed, setTyped] = useState(known ? '' : value)
  useEffect(() => {
    if (!models.some((m) => m.id === value)) {
      setOther(true)
      setTyped(value)
    }
  }, [models, value])
  const commit = (): void => {
    const model = typed.trim()
    if (model && model !== value) onChange(model)
  }
  return (
    <span className="model-picker">
      <select
        id={id}
        value={other ? OTHER : value}
        onChange={(e) => {
          if (e.target.value === OTHER) return setOther(true)
          setOther(false)
          onChange(e.target.value)
        }}
      >
        {models.map((m) => (
          <option key={m.id} value={m.id}>
            {m.name}
          </option>
        ))}
        <option value={OTHER}>{t('run.otherModel')}</option>
      </select>
      {other && (
        <input
          aria-label={t('run.modelId')}
          value={typed}
          placeholder="llava:13b"
          spellCheck={false}
          data-testid="model-id"
          onChange={(e) => setTyped(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit()
          }}
        />
      )}
    </span>
  )
}
