import { fieldFor } from '@shared/domain/listing-roles'
import { strictestLimit, type Part, type PartLimit } from '@shared/domain/shop-limits'
import type { Template } from '../templates/template'

/** A template field a shop file's column takes, and that column's strictest platform limit. */
export interface ShopFieldLimit {
  field: string
  label: string
  rule: PartLimit
}

const PARTS = [
  'title',
  'seoTitle',
  'seoDescription',
  'description',
  'alt'
] as const satisfies Part[]

/**
 * Which of a template's fields each shop column reads (per language: `title_es`), with the
 * strictest limit a platform puts on that column.
 */
export function shopFieldLimits(
  template: Template,
  languages: readonly { suffix: string }[]
): ShopFieldLimit[] {
  const names = template.fields.map((field) => field.name)
  const found = new Map<string, ShopFieldLimit>()
  for (const { suffix } of languages)
    for (const part of PARTS) {
      const field = fieldFor(part, names, suffix)
      const rule = strictestLimit(part)
      if (!field || !rule) continue
      const known = found.get(field)
      if (known && known.rule.limit <= rule.limit) continue
      const label = template.fields.find((spec) => spec.name === field)?.label ?? field
      found.set(field, { field, label, rule })
    }
  return [...found.values()]
}
