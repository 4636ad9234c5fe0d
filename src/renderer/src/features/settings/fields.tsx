import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { z } from 'zod'
import { problemText } from '../../words/problems'

/**
 * Problems of a value against its schema, by dotted field path, in words: checked as you type.
 * `field` names a single value's problems (a schema for one field has no path).
 */
export function useProblems<T>(
  schema: z.ZodType<T>,
  value: unknown,
  field?: string
): Map<string, string> {
  const { t } = useTranslation()
  return useMemo(() => {
    const result = schema.safeParse(value)
    const problems = new Map<string, string>()
    if (result.success) return problems
    for (const issue of result.error.issues) {
      const path = issue.path.map(String).join('.')
      const named = path || field
      if (!problems.has(path)) problems.set(path, problemText(issue.message, t, named))
    }
    return problems
  }, [schema, value, t, field])
}

interface FieldProps {
  label: string
  problem?: string
  hint?: string
  /** The label is read out but not shown (a table's column says it). */
  hideLabel?: boolean
  children: (ids: { id: string; describedBy?: string; invalid: boolean }) => React.ReactNode
}

/** A labelled control with its hint and its problem (read out, and linked by aria-describedby). */
export function Field({
  label,
  problem,
  hint,
  hideLabel,
  children
}: FieldProps): React.JSX.Element {
  const id = useId()
  const described = [hint && `${id}-hint`, problem && `${id}-problem`].filter(Boolean).join(' ')
  return (
    <div className={`settings-field${problem ? ' settings-field-invalid' : ''}`}>
      <label htmlFor={id} className={hideLabel ? 'sr-only' : undefined}>
        {label}
      </label>
      {children({ id, describedBy: described || undefined, invalid: Boolean(problem) })}
      {hint && (
        <p id={`${id}-hint`} className="muted small">
          {hint}
        </p>
      )}
      {problem && (
        <p id={`${id}-problem`} className="field-problem small" role="alert">
          {problem}
        </p>
      )}
    </div>
  )
}

interface TextFieldProps {
  label: string
  value: string
  onChange(value: string): void
  problem?: string
  hint?: string
  type?: 'text' | 'password' | 'url' | 'search'
  placeholder?: string
  testId?: string
  autoComplete?: string
  hideLabel?: boolean
  /** Suggestions (a `<datalist>`): any value may still be typed. */
  suggestions?: readonly string[]
}

export function TextField(props: TextFieldProps): React.JSX.Element {
  return (
    <Field
      label={props.label}
      problem={props.problem}
      hint={props.hint}
      hideLabel={props.hideLabel}
    >
      {({ id, describedBy, invalid }) => (
        <>
          <input
            id={id}
            list={props.suggestions ? `${id}-list` : undefined}
            type={props.type ?? 'text'}
            value={props.value}
            placeholder={props.placeholder}
            autoComplete={props.autoComplete ?? 'off'}
            spellCheck={false}
            aria-invalid={invalid || undefined}
            aria-describedby={describedBy}
            data-testid={props.testId}
            onChange={(e) => props.onChange(e.target.value)}
          />
          {props.suggestions && (
            <datalist id={`${id}-list`}>
              {props.suggestions.map((value) => (
                <option key={value} value={value} />
              ))}
            </datalist>
          )}
        </>
      )}
    </Field>
  )
}

/** A number typed as text: kept as typed; the schema sees the number (NaN: "not a number"). */
export function NumberField(
  props: Omit<TextFieldProps, 'value' | 'onChange'> & {
    value: number | null
    onChange(value: number | null): void
    allowEmpty?: boolean
  }
): React.JSX.Element {
  const parse = (text: string): number | null => {
    const cleaned = text.replace(',', '.').trim()
    if (cleaned === '') return props.allowEmpty ? null : NaN
    return Number(cleaned)
  }
  const [text, setText] = useState(props.value === null ? '' : String(props.value))
  useEffect(() => {
    const shown = parse(text)
    if (!Object.is(shown, props.value) && !(Number.isNaN(props.value) && Number.isNaN(shown)))
      setText(props.value === null || Number.isNaN(props.value) ? '' : String(props.value))
    // Only an outside change of the value resets the text.
  }, [props.value])
  return (
    <TextField
      {...props}
      value={text}
      onChange={(next) => {
        setText(next)
        props.onChange(parse(next))
      }}
    />
  )
}

interface SelectFieldProps<T extends string> {
  label: string
  value: T
  options: readonly { id: T; label: string }[]
  onChange(value: T): void
  hint?: string
  testId?: string
}

export function SelectField<T extends string>(props: SelectFieldProps<T>): React.JSX.Element {
  return (
    <Field label={props.label} hint={props.hint}>
      {({ id, describedBy }) => (
        <select
          id={id}
          value={props.value}
          aria-describedby={describedBy}
          data-testid={props.testId}
          onChange={(e) => props.onChange(e.target.value as T)}
        >
          {props.options.map((option) => (
            <option key={option.id} value={option.id}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </Field>
  )
}

/**
 * Save for a section: disabled while anything is wrong; says when it saved, and what main refused
 * when no field of the form shows it.
 */
export function SaveBar({
  disabled,
  saved,
  onSave,
  refusal
}: {
  disabled: boolean
  saved: boolean
  onSave(): void
  refusal?: string
}): React.JSX.Element {
  const { t } = useTranslation()
  return (
    <div className="settings-save">
      {refusal && (
        <p className="field-problem small" role="alert">
          {refusal}
        </p>
      )}
      <button type="button" className="primary" disabled={disabled} onClick={onSave}>
        {t('settings.save')}
      </button>
      {saved && (
        <span className="muted small" role="status">
          {t('settings.saved')}
        </span>
      )}
    </div>
  )
}

/** Words as a comma-separated list, kept as typed. */
export function WordsField({
  label,
  words,
  problem,
  onChange
}: {
  label: string
  words: string[] | undefined
  problem?: string
  onChange(words: string[] | undefined): void
}): React.JSX.Element {
  const { t } = useTranslation()
  const [text, setText] = useState((words ?? []).join(', '))
  return (
    <TextField
      label={label}
      value={text}
      hint={t('templates.wordsHint')}
      problem={problem}
      onChange={(next) => {
        setText(next)
        const list = next
          .split(/[,，]/)
          .map((w) => w.trim())
          .filter(Boolean)
        onChange(list.length > 0 ? list : undefined)
      }}
    />
  )
}
