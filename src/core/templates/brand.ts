import type { Brand } from '@shared/domain/brand'
import type { Template } from './template'

/**
 * A template with the brand in it (its own brand if it has one, else the workspace's): the voice and the words to prefer and to avoid join its
 * instructions (the static part of the prompt, so the prompt cache still covers them), and the
 * words to avoid become every field's banned words, checked like the template's own.
 */
export function withBrand(template: Template, workspace: Brand | undefined): Template {
  const brand = saysAnything(template.brand) ? template.brand : workspace
  if (!saysAnything(brand)) return template
  const notes = [
    brand.voice ? `Brand voice: ${brand.voice}` : '',
    brand.use.length > 0 ? `Prefer these words where they fit: ${brand.use.join(', ')}.` : '',
    brand.avoid.length > 0 ? `Never use these words: ${brand.avoid.join(', ')}.` : ''
  ].filter(Boolean)
  return {
    ...template,
    instructions: `${template.instructions}\n\n${notes.join('\n')}`,
    fields: template.fields.map((field) =>
      brand.avoid.length === 0
        ? field
        : {
            ...field,
            rules: {
              ...field.rules,
              bannedWords: [...new Set([...(field.rules?.bannedWords ?? []), ...brand.avoid])]
            }
          }
    )
  }
}

/** Whether a brand has a voice or words (an empty one leaves the template as it is). */
export function saysAnything(brand: Brand | undefined): brand is Brand {
  return Boolean(brand && (brand.voice || brand.use.length > 0 || brand.avoid.length > 0))
}
