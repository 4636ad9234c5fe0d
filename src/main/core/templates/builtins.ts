import type { Template } from './template'

/** The built-in templates (issue 6 adds alt text, titles, tags, attributes, listing pack). */
export const BUILTIN_TEMPLATES: readonly Template[] = [
  {
    id: 'seo-meta',
    name: 'SEO meta description',
    instructions:
      'Write an SEO meta description for the product in this photo, in {language}. 120 to 155 characters, one sentence, no quotes, no emojis. Mention what the product is and its most visible qualities. {keywords}',
    fields: [
      {
        name: 'meta_description',
        label: 'Meta description',
        type: 'string',
        description: 'The meta description.',
        rules: { minLength: 120, maxLength: 155 }
      }
    ],
    maxCompletionTokens: 300
  }
]

/** A built-in template by id. */
export function findTemplate(id: string): Template | undefined {
  return BUILTIN_TEMPLATES.find((t) => t.id === id)
}
