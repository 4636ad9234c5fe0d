import { useTranslation } from 'react-i18next'
import type { TemplateInput } from '@shared/templates/template-schema'
import { NumberField, SelectField, TextField, WordsField } from './fields'

type FieldInput = TemplateInput['fields'][number]

/** One output field of a template: its column name, label, type, and rules. */
export function FieldEditor({
  field,
  index,
  problems,
  onChange,
  onRemove
}: {
  field: FieldInput
  index: number
  problems: Map<string, string>
  onChange(patch: Partial<FieldInput>): void
  onRemove(): void
}): React.JSX.Element {
  const { t } = useTranslation()
  // A list's problem is at its entry (`rules.requiredWords.1`): shown at the list's field.
  const at = (name: string): string | undefined => {
    const path = `fields.${index}.${name}`
    for (const [key, words] of problems)
      if (key === path || key.startsWith(`${path}.`)) return words
    return undefined
  }
  const rules = field.rules ?? {}
  const setRules = (patch: Partial<NonNullable<FieldInput['rules']>>): void =>
    onChange({ rules: dropEmpty({ ...rules, ...patch }) })
  return (
    <fieldset className="field-editor">
      <legend>{t('templates.fieldN', { n: index + 1 })}</legend>
      <div className="field-pair">
        <TextField
          label={t('templates.fieldName')}
          value={field.name}
          problem={at('name')}
          onChange={(name) => onChange({ name })}
        />
        <TextField
          label={t('templates.fieldLabel')}
          value={field.label}
          problem={at('label')}
          onChange={(label) => onChange({ label })}
        />
        <SelectField
          label={t('templates.fieldType')}
          value={field.type}
          options={[
            { id: 'string', label: t('templates.types.string') },
            { id: 'string[]', label: t('templates.types.list') }
          ]}
          onChange={(type) => onChange({ type })}
        />
      </div>
      <TextField
        label={t('templates.fieldDescription')}
        value={field.description ?? ''}
        problem={at('description')}
        onChange={(description) => onChange({ description })}
      />
      <div className="field-pair">
        <NumberField
          label={t('templates.minLength')}
          value={rules.minLength ?? null}
          allowEmpty
          problem={at('rules.minLength')}
          onChange={(v) => setRules({ minLength: v ?? undefined })}
        />
        <NumberField
          label={t('templates.maxLength')}
          value={rules.maxLength ?? null}
          allowEmpty
          problem={at('rules.maxLength')}
          onChange={(v) => setRules({ maxLength: v ?? undefined })}
        />
        {field.type === 'string[]' && (
          <NumberField
            label={t('templates.count')}
            value={rules.count ?? null}
            allowEmpty
            problem={at('rules.count')}
            onChange={(v) => setRules({ count: v ?? undefined })}
          />
        )}
      </div>
      <div className="field-pair">
        <WordsField
          label={t('templates.requiredWords')}
          words={rules.requiredWords}
          problem={at('rules.requiredWords')}
          onChange={(requiredWords) => setRules({ requiredWords })}
        />
        <WordsField
          label={t('templates.bannedWords')}
          words={rules.bannedWords}
          problem={at('rules.bannedWords')}
          onChange={(bannedWords) => setRules({ bannedWords })}
        />
      </div>
      <button type="button" className="small ghost danger" onClick={onRemove}>
        {t('templates.removeField')}
      </button>
    </fieldset>
  )
}

function dropEmpty<T extends Record<string, unknown>>(rules: T): T | undefined {
  const kept = Object.fromEntries(Object.entries(rules).filter(([, v]) => v !== undefined)) as T
  return Object.keys(kept).length > 0 ? kept : undefined
}
