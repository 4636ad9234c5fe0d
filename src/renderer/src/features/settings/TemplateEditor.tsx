import { useRef, useState } from 'react'
import { useTranslation } from 'react-i18next'
import {
  TEMPLATE_VARIABLES,
  templateSchema,
  unknownVariables,
  type TemplateInput
} from '@shared/templates/template-schema'
import { useApp } from '../../context'
import { NO_BRAND } from '@shared/domain/brand'
import { BrandFields } from './BrandFields'
import { FieldEditor } from './FieldEditor'
import { Field, NumberField, TextField, useProblems } from './fields'
import { TemplatePreview } from './TemplatePreview'

type FieldInput = TemplateInput['fields'][number]
type TemplateList = Awaited<ReturnType<ReturnType<typeof useApp>['bridge']['templates']['save']>>

/**
 * A custom template: prompt text with its variables as chips, the fields with their rules, all
 * checked as you type; a preview of the exact request for one queued photo, its tokens and cost.
 */
export function TemplateEditor({
  initial,
  onDone
}: {
  initial: TemplateInput
  onDone(list: TemplateList | null): void
}): React.JSX.Element {
  const { t } = useTranslation()
  const { bridge, act } = useApp()
  const [draft, setDraft] = useState<TemplateInput>(initial)
  const problems = useProblems(templateSchema, draft)
  const set = (patch: Partial<TemplateInput>): void => setDraft({ ...draft, ...patch })
  const setField = (index: number, patch: Partial<FieldInput>): void =>
    set({ fields: draft.fields.map((f, i) => (i === index ? { ...f, ...patch } : f)) })
  return (
    <form
      className="settings-section template-editor"
      data-testid="template-editor"
      aria-label={t('templates.editor')}
      onSubmit={(event) => {
        event.preventDefault()
        void act(() => bridge.templates.save(templateSchema.parse(draft))).then(
          (list) => list && onDone(list)
        )
      }}
    >
      <h3>{t('templates.editor')}</h3>
      <div className="field-pair">
        <TextField
          label={t('templates.name')}
          value={draft.name}
          problem={problems.get('name')}
          testId="template-name"
          onChange={(name) => set({ name })}
        />
        <TextField
          label={t('templates.id')}
          value={draft.id}
          hint={t('templates.idHint')}
          problem={problems.get('id')}
          onChange={(id) => set({ id })}
        />
      </div>
      <InstructionsField
        value={draft.instructions}
        problem={problems.get('instructions')}
        onChange={(instructions) => set({ instructions })}
      />
      <h4>{t('templates.fields')}</h4>
      {problems.get('fields') && (
        <p className="field-problem small" role="alert">
          {problems.get('fields')}
        </p>
      )}
      {draft.fields.map((field, index) => (
        <FieldEditor
          key={index}
          field={field}
          index={index}
          problems={problems}
          onChange={(patch) => setField(index, patch)}
          onRemove={() => set({ fields: draft.fields.filter((_, i) => i !== index) })}
        />
      ))}
      <button
        type="button"
        className="small"
        onClick={() =>
          set({
            fields: [
              ...draft.fields,
              {
                name: `field_${draft.fields.length + 1}`,
                label: '',
                type: 'string',
                description: ''
              }
            ]
          })
        }
      >
        {t('templates.addField')}
      </button>
      <NumberField
        label={t('templates.maxTokens')}
        value={draft.maxCompletionTokens}
        hint={t('templates.maxTokensHint')}
        problem={problems.get('maxCompletionTokens')}
        onChange={(n) => set({ maxCompletionTokens: n ?? NaN })}
      />
      <BrandFields
        ofTemplate
        brand={{ ...NO_BRAND, ...draft.brand }}
        problem={(path) => problems.get(path)}
        onChange={(brand) => set({ brand })}
      />
      <TemplatePreview draft={draft} valid={problems.size === 0} />
      <div className="settings-save">
        <button
          type="submit"
          className="primary"
          disabled={problems.size > 0}
          data-testid="template-save"
        >
          {t('templates.save')}
        </button>
        <button type="button" className="ghost" onClick={() => onDone(null)}>
          {t('queue.cancel')}
        </button>
      </div>
    </form>
  )
}

/** The instructions split into text and `{variables}`, so the variables show as chips. */
function instructionParts(text: string): { text: string; variable: boolean }[] {
  return text
    .split(/(\{[a-zA-Z_][\w-]*\})/)
    .filter(Boolean)
    .map((part) =>
      /^\{[a-zA-Z_][\w-]*\}$/.test(part)
        ? { text: part.slice(1, -1), variable: true }
        : { text: part, variable: false }
    )
}

/** The instructions: a text box, the variables as chips that insert at the cursor, and the text with its variables shown as chips. */
function InstructionsField({
  value,
  problem,
  onChange
}: {
  value: string
  problem?: string
  onChange(value: string): void
}): React.JSX.Element {
  const { t } = useTranslation()
  const text = useRef<HTMLTextAreaElement>(null)
  const insert = (name: string): void => {
    const at = text.current?.selectionStart ?? value.length
    onChange(`${value.slice(0, at)}{${name}}${value.slice(at)}`)
  }
  const unknown = unknownVariables(value)
  return (
    <>
      <Field label={t('templates.instructions')} problem={problem}>
        {({ id, describedBy, invalid }) => (
          <textarea
            id={id}
            ref={text}
            rows={4}
            value={value}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            data-testid="template-instructions"
            onChange={(e) => onChange(e.target.value)}
          />
        )}
      </Field>
      <div className="chips" role="group" aria-label={t('templates.variables')}>
        <span className="muted small">{t('templates.variables')}</span>
        {TEMPLATE_VARIABLES.map((name) => (
          <button key={name} type="button" className="var-chip" onClick={() => insert(name)}>
            {`{${name}}`}
          </button>
        ))}
      </div>
      <p className="instructions-chips small" data-testid="instructions-chips">
        {instructionParts(value).map((part, i) =>
          part.variable ? (
            <span
              key={i}
              className={`var-chip${unknown.includes(part.text) ? ' var-chip-unknown' : ''}`}
            >
              {part.text}
            </span>
          ) : (
            <span key={i}>{part.text}</span>
          )
        )}
      </p>
      {unknown.length > 0 && (
        <p className="muted small" role="status">
          {t('templates.unknownVariables', { names: unknown.map((n) => `{${n}}`).join(', ') })}
        </p>
      )}
    </>
  )
}
