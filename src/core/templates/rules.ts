import type { FieldSpec, Template } from './template'

/**
 * The first rule an answer breaks, as data: which rule (`code`), on which field (its label, when the
 * template has several), for which list entry, with the numbers or word its sentence needs. The
 * window words it in its language; the journal and the CLI keep the English of `ruleWords`.
 */
export interface RuleBreak {
  code: RuleCode
  field?: string
  entry?: string
  params?: Record<string, string | number>
}

export type RuleCode =
  | 'missing'
  | 'notText'
  | 'notList'
  | 'count'
  | 'tooLong'
  | 'tooShort'
  | 'mustMention'
  | 'mustNotUse'

export function ruleBreak(
  template: Pick<Template, 'fields'>,
  fields: Record<string, unknown>
): RuleBreak | null {
  for (const field of template.fields) {
    const broken = checkField(field, fields[field.name])
    if (broken) return template.fields.length > 1 ? { ...broken, field: field.label } : broken
  }
  return null
}

/** The first rule an answer breaks, in English words a person can act on, or null. */
export function brokenRule(
  template: Pick<Template, 'fields'>,
  fields: Record<string, unknown>
): string | null {
  const broken = ruleBreak(template, fields)
  return broken && ruleWords(broken)
}

const ENGLISH: Record<RuleCode, (p: Record<string, string | number>) => string> = {
  missing: () => 'Missing',
  notText: () => 'Not text',
  notList: () => 'Not a list',
  count: (p) => `Needs ${p.n} entries (got ${p.got})`,
  tooLong: (p) => `Too long (${p.length} of ${p.max} characters)`,
  tooShort: (p) => `Too short (${p.length} of at least ${p.min} characters)`,
  mustMention: (p) => `Must mention “${p.word}”`,
  mustNotUse: (p) => `Must not use “${p.word}”`
}

export function ruleWords(broken: RuleBreak): string {
  const words = ENGLISH[broken.code](broken.params ?? {})
  const entry = broken.entry === undefined ? words : `“${broken.entry}”: ${words}`
  return broken.field ? `${broken.field}: ${entry}` : entry
}

function checkField(field: FieldSpec, value: unknown): RuleBreak | null {
  if (value === undefined || value === null || value === '') return { code: 'missing' }
  if (field.type === 'string[]') return checkList(field, value)
  if (typeof value !== 'string') return { code: 'notText' }
  return checkText(field, value)
}

function checkList(field: FieldSpec, value: unknown): RuleBreak | null {
  if (!Array.isArray(value)) return { code: 'notList' }
  const count = field.rules?.count
  if (count !== undefined && value.length !== count)
    return { code: 'count', params: { n: count, got: value.length } }
  for (const entry of value) {
    const broken = checkText(
      { ...field, rules: { maxLength: field.rules?.maxLength } },
      String(entry)
    )
    if (broken) return { ...broken, entry: String(entry) }
  }
  return checkWords(field, value.join(' '))
}

function checkText(field: FieldSpec, text: string): RuleBreak | null {
  const { minLength, maxLength } = field.rules ?? {}
  const length = [...text].length
  if (maxLength !== undefined && length > maxLength)
    return { code: 'tooLong', params: { length, max: maxLength } }
  if (minLength !== undefined && length < minLength)
    return { code: 'tooShort', params: { length, min: minLength } }
  return checkWords(field, text)
}

function checkWords(field: FieldSpec, text: string): RuleBreak | null {
  const lower = text.toLowerCase()
  const missing = field.rules?.requiredWords?.find((w) => !lower.includes(w.toLowerCase()))
  if (missing) return { code: 'mustMention', params: { word: missing } }
  const banned = field.rules?.bannedWords?.find((w) => lower.includes(w.toLowerCase()))
  return banned ? { code: 'mustNotUse', params: { word: banned } } : null
}
