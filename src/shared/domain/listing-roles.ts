/** Field names each part of a listing is read from, first found wins. */
export type Role = keyof typeof ROLES
export const ROLES = {
  title: ['title', 'product_title', 'name'],
  description: ['description', 'long_description', 'body', 'meta_description', 'caption'],
  seoTitle: ['seo_title', 'meta_title', 'title', 'product_title'],
  seoDescription: ['meta_description', 'seo_description', 'description'],
  tags: ['tags', 'keywords'],
  alt: ['alt_text', 'alt', 'caption']
} as const

/** The name of the template field a listing's part is read from (`title`, `alt_text`), if any. */
export function fieldFor(role: Role, names: readonly string[], suffix: string): string | undefined {
  return ROLES[role].map((name) => `${name}${suffix}`).find((name) => names.includes(name))
}

