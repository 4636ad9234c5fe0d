import type { FieldSpec, Template } from './template'

const text = (
  name: string,
  label: string,
  description: string,
  rules: FieldSpec['rules']
): FieldSpec => ({ name, label, type: 'string', description, rules })
const META = text(
  'meta_description',
  'Meta description',
  'An SEO meta description: one sentence, no quotes or emojis.',
  { minLength: 120, maxLength: 155 }
)
const ALT = text(
  'alt_text',
  'Alt text',
  'Alt text describing what the photo shows, for screen readers.',
  { minLength: 20, maxLength: 125 }
)
const TITLE = text('title', 'Product title', 'A product title for a shop listing.', {
  minLength: 20,
  maxLength: 70
})
const tags = (count: number): FieldSpec => ({
  name: 'tags',
  label: 'Tags',
  type: 'string[]',
  description: 'Search keywords, lower case, most relevant first.',
  rules: { count, maxLength: 30 }
})
const attribute = (name: string, label: string): FieldSpec =>
  text(name, label, `The product's ${label.toLowerCase()}, in a few words.`, {
    minLength: 2,
    maxLength: 40
  })

const COMMON =
  'Write in {language}. Base everything on what the photo shows. {brand_note} {keywords_note} {context}'

/** The built-in templates (docs/architecture.md §2). */
export const BUILTIN_TEMPLATES: readonly Template[] = [
  {
    id: 'seo-meta',
    name: 'SEO meta description',
    instructions: `Write an SEO meta description for the product in this photo, 120 to 155 characters. ${COMMON}`,
    fields: [META],
    maxCompletionTokens: 300
  },
  {
    id: 'alt-text',
    name: 'Alt text',
    instructions: `Write alt text for this product photo, at most 125 characters. ${COMMON}`,
    fields: [ALT],
    maxCompletionTokens: 200
  },
  {
    id: 'product-title',
    name: 'Product title',
    instructions: `Write a product title for this product photo, at most 70 characters. ${COMMON}`,
    fields: [TITLE],
    maxCompletionTokens: 150
  },
  {
    id: 'tags',
    name: 'Tags and keywords',
    instructions: `List exactly 10 search tags for the product in this photo. ${COMMON}`,
    fields: [tags(10)],
    maxCompletionTokens: 300
  },
  {
    id: 'attributes',
    name: 'Product attributes',
    instructions: `Read the product attributes from this photo. ${COMMON}`,
    fields: [
      attribute('category', 'Category'),
      attribute('color', 'Color'),
      attribute('material', 'Material'),
      attribute('style', 'Style'),
      attribute('pattern', 'Pattern'),
      attribute('audience', 'Audience')
    ],
    maxCompletionTokens: 400
  },
  {
    id: 'listing-pack',
    name: 'Listing pack',
    instructions: `Write a complete shop listing for the product in this photo. ${COMMON}`,
    fields: [TITLE, META, ALT, tags(8)],
    maxCompletionTokens: 700
  }
]

/** A built-in template by id. */
export function findTemplate(id: string): Template | undefined {
  return BUILTIN_TEMPLATES.find((t) => t.id === id)
}
