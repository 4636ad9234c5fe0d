import type { FieldSpec, Template } from './template'

/** How an endpoint takes structured output: OpenAI's strict schema, or JSON mode plus our checks. */
export type StructuredMode = 'json_schema' | 'json_object'

type JsonSchema = Record<string, unknown>

function fieldSchema(field: FieldSpec): JsonSchema {
  if (field.type === 'string') return { type: 'string', description: describeField(field) }
  const count = field.rules?.count
  return {
    type: 'array',
    description: describeField(field),
    items: { type: 'string' },
    ...(count ? { minItems: count, maxItems: count } : {})
  }
}

/** A field's rules in words, for the schema description and JSON-mode instructions. */
export function describeField(field: FieldSpec): string {
  const rules = field.rules ?? {}
  const parts = [field.description]
  if (rules.minLength && rules.maxLength)
    parts.push(
      `${rules.minLength}–${rules.maxLength} characters${field.type === 'string[]' ? ' each' : ''}.`
    )
  else if (rules.maxLength)
    parts.push(`At most ${rules.maxLength} characters${field.type === 'string[]' ? ' each' : ''}.`)
  if (rules.count) parts.push(`Exactly ${rules.count} entries.`)
  if (rules.requiredWords?.length) parts.push(`Must include: ${rules.requiredWords.join(', ')}.`)
  if (rules.bannedWords?.length) parts.push(`Never use: ${rules.bannedWords.join(', ')}.`)
  return parts.join(' ')
}

/** The strict JSON schema of a multi-field template: every field required, nothing else allowed. */
export function templateSchema(template: Template): JsonSchema {
  return {
    type: 'object',
    additionalProperties: false,
    required: template.fields.map((f) => f.name),
    properties: Object.fromEntries(template.fields.map((f) => [f.name, fieldSchema(f)]))
  }
}

/** The `response_format` for a template: none for one field (plain text), else strict schema or JSON mode. */
export function responseFormat(
  template: Template,
  mode: StructuredMode
): Record<string, unknown> | undefined {
  if (template.fields.length === 1) return undefined
  if (mode === 'json_object') return { type: 'json_object' }
  const name = template.id.replace(/[^a-zA-Z0-9_-]/g, '_').slice(0, 64) || 'fields'
  return {
    type: 'json_schema',
    json_schema: { name, strict: true, schema: templateSchema(template) }
  }
}

/** Extra instructions so JSON mode (no schema) still returns the right keys. */
export function jsonModeInstructions(template: Template): string {
  const lines = template.fields.map(
    (f) =>
      `"${f.name}": ${f.type === 'string[]' ? 'an array of strings' : 'a string'} — ${describeField(f)}`
  )
  return `Answer with one JSON object with exactly these keys:\n${lines.join('\n')}`
}
