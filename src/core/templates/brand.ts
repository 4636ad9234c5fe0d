import type { Brand } from '@shared/domain/brand'
import type { Template } from './template'

/**
 * A template with the brand in it: the voice and the words to prefer and to avoid join its
 * instructions (the static part of the prompt, so the prompt cache still covers them), and the
 * words to avoid become every field's banned words, checked like the template's own.
 */
export function withBrand(template: Template, brand: Brand | undefined): Template {
  if (!brand || (!brand.voice && brand.use.length === 0 && brand.avoid.length === 0))
    return template
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
