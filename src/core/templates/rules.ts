import type { FieldSpec, Template } from './template'

/** The first rule an answer breaks, in words a person can act on, or null when it keeps them all. */
export function brokenRule(
  template: Pick<Template, 'fields'>,
  fields: Record<string, unknown>
): string | null {
  for (const field of template.fields) {
    const broken = checkField(field, fields[field.name])
    if (broken) return template.fields.length > 1 ? `${field.label}: ${broken}` : broken
  }
  return null
}

function checkField(field: FieldSpec, value: unknown): string | null {
  if (value === undefined || value === null || value === '') return 'Missing'
  if (field.type === 'string[]') return checkList(field, value)
  if (typeof value !== 'string') return 'Not text'
  return checkText(field, value)
}

function checkList(field: FieldSpec, value: unknown): string | null {
  if (!Array.isArray(value)) return 'Not a list'
  const count = field.rules?.count
  if (count !== undefined && value.length !== count)
    return `Needs ${count} entries (got ${value.length})`
  for (const entry of value) {
    const broken = checkText(
      { ...field, rules: { maxLength: field.rules?.maxLength } },
      String(entry)
    )
    if (broken) return `“${String(entry)}”: ${broken}`
  }
  return checkWords(field, value.join(' '))
}

function checkText(field: FieldSpec, text: string): string | null {
  const { minLength, maxLength } = field.rules ?? {}
  const length = [...text].length
  if (maxLength !== undefined && length > maxLength)
    return `Too long (${length} of ${maxLength} characters)`
  if (minLength !== undefined && length < minLength)
    return `Too short (${length} of at least ${minLength} characters)`
  return checkWords(field, text)
}

function checkWords(field: FieldSpec, text: string): string | null {
  const lower = text.toLowerCase()
  const missing = field.rules?.requiredWords?.find((w) => !lower.includes(w.toLowerCase()))
  if (missing) return `Must mention “${missing}”`
  const banned = field.rules?.bannedWords?.find((w) => lower.includes(w.toLowerCase()))
  return banned ? `Must not use “${banned}”` : null
}
