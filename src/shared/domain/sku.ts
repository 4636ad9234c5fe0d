import type { Problem } from '../problem'

/**
 * A photo's SKU from its file name: the pattern's first capturing group where it matches, else the
 * name without its extension (the pattern is checked when the options are parsed).
 */
export function skuOf(filename: string, pattern?: string): string {
  const stem = filename.replace(/\.[^.]+$/, '')
  return (pattern ? new RegExp(pattern).exec(filename)?.[1] : undefined) ?? stem
}

/** Patterns offered beside the SKU field, for names like `ABC123_front.jpg`. */
export const COMMON_SKU_PATTERNS = [
  { pattern: '^([^_]+)_', example: 'ABC123_front.jpg → ABC123' },
  { pattern: '^([^-]+)-', example: 'ABC123-2.jpg → ABC123' },
  { pattern: '^([^ ]+) ', example: 'ABC123 side.jpg → ABC123' },
  { pattern: '(\\d{4,})', example: 'shoe_004512_a.jpg → 004512' }
] as const

/** How a pattern groups photos: products found, and the SKU shared when there is only one. */
export function skuGroups(
  filenames: readonly string[],
  pattern?: string
): { products: number; onlySku?: string } {
  const skus = new Map(
    filenames.map((name) => skuOf(name, pattern)).map((s) => [s.toLowerCase(), s])
  )
  return skus.size === 1 ? { products: 1, onlySku: [...skus.values()][0] } : { products: skus.size }
}

/**
 * A pattern that matches none of the photos (every SKU would silently be the file name), or puts
 * two or more photos into one product (a group that catches a shared prefix), is almost always a
 * wrong pattern; refused with the counts before anything is sent.
 */
export function oneProductProblem(filenames: readonly string[], pattern?: string): Problem | null {
  if (!pattern || filenames.length === 0) return null
  const regex = new RegExp(pattern)
  if (!filenames.some((name) => regex.exec(name)?.[1] !== undefined))
    return { code: 'skuNoMatch', field: 'skuPattern', params: { n: filenames.length } }
  if (filenames.length < 2) return null
  const { products, onlySku } = skuGroups(filenames, pattern)
  return products === 1
    ? { code: 'skuOneProduct', field: 'skuPattern', params: { n: filenames.length, sku: onlySku! } }
    : null
}
