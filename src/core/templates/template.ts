import type { Brand } from '@shared/domain/brand'

/** Rules a field's answer must keep; a broken rule re-asks the item, then flags it for review. */
export interface FieldRules {
  minLength?: number
  maxLength?: number
  /** For list fields: exactly this many entries. */
  count?: number
  requiredWords?: string[]
  bannedWords?: string[]
}

/** One output column of a template. */
export interface FieldSpec {
  name: string
  label: string
  type: 'string' | 'string[]'
  description: string
  rules?: FieldRules
}

/** What to ask for each photo: instructions with `{variables}`, and the fields that come back. */
export interface Template {
  id: string
  name: string
  instructions: string
  fields: FieldSpec[]
  /** Tokens reserved for the answer (and charged against tokens/min on admission). */
  maxCompletionTokens: number
  /** The template's own brand voice, in place of the workspace's (Settings → Defaults). */
  brand?: Brand
  /** Photos of one product sent in one request (a listing from all of them); default 6. */
  photosPerRequest?: number
}

/** Values for `{variables}` in instructions: filename, folder, sku, brand, keywords, language, … */
export type TemplateVariables = Record<string, string>

/** Fills `{name}` placeholders; unknown ones become empty, so a missing column never leaks braces. */
export function fillVariables(text: string, variables: TemplateVariables): string {
  return (
    text
      // Own keys only: "{constructor}" in a template must not print Object's constructor.
      .replace(/\{([a-zA-Z_][\w-]*)\}/g, (_, name: string) =>
        Object.hasOwn(variables, name) ? (variables[name] ?? '') : ''
      )
      .replace(/[ \t]{2,}/g, ' ')
      .trim()
  )
}

/** Roughly how many tokens the answer takes: ~4 characters a token, from the fields' lengths. */
export function expectedOutputTokens(template: Template): number {
  const chars = template.fields.reduce(
    (sum, f) =>
      sum + (f.rules?.maxLength ?? 120) * (f.type === 'string[]' ? (f.rules?.count ?? 5) : 1),
    0
  )
  const overhead = template.fields.length > 1 ? template.fields.length * 6 : 0
  return Math.min(template.maxCompletionTokens, Math.ceil(chars / 4) + overhead)
}
