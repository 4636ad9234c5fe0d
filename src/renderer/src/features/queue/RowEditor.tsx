import { useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { QueueRow } from '@shared/domain/queue'

interface RowEditorProps {
  fields: NonNullable<QueueRow['fields']>
  onSave(fields: Record<string, string>): Promise<boolean>
  onCancel(): void
}

/** Edits an answer in place: one box per field, with its length; Save journals the edit. */
export function RowEditor({ fields, onSave, onCancel }: RowEditorProps): React.JSX.Element {
  const [values, setValues] = useState(() =>
    Object.fromEntries(fields.map((f) => [f.name, f.value]))
  )
  const [saving, setSaving] = useState(false)
  const { t } = useTranslation()
  return (
    <form
      className="row-editor"
      onSubmit={(event) => {
        event.preventDefault()
        const changed = fields.filter((f) => !f.cut && values[f.name] !== f.value)
        if (changed.length === 0) return onCancel()
        setSaving(true)
        void onSave(Object.fromEntries(changed.map((f) => [f.name, values[f.name]]))).then(() =>
          setSaving(false)
        )
      }}
      onKeyDown={(event) => {
        if (event.key === 'Escape') onCancel()
      }}
    >
      {fields.map((field) => (
        <label key={field.name} className="field">
          <span className="small muted">
            {t('queue.characters', { label: field.label, n: values[field.name].length })}
          </span>
          {field.cut && <span className="small muted">{t('queue.cutField')}</span>}
          <textarea
            rows={2}
            readOnly={field.cut}
            value={values[field.name]}
            autoFocus={field === fields[0]}
            onChange={(e) => setValues({ ...values, [field.name]: e.target.value })}
          />
        </label>
      ))}
      <div className="row-editor-actions">
        <button type="submit" className="primary small" disabled={saving}>
          {t('queue.save')}
        </button>
        <button type="button" className="small ghost" onClick={onCancel}>
          {t('queue.cancel')}
        </button>
      </div>
    </form>
  )
}
