import type { ShopFormat } from './formats'
import type { Listing } from './listing'

/** Text longer than a platform's column takes: flagged, never cut. */
export interface TooLong {
  sku: string
  column: string
  length: number
  limit: number
}

type Part = 'title' | 'seoTitle' | 'seoDescription' | 'description' | 'sku' | 'alt' | 'url'

/** Each platform's limits on what Photoscribe writes (Shopify's admin, Merchant Center's spec). */
const LIMITS: Record<ShopFormat, Partial<Record<Part, { column: string; limit: number }>>> = {
  shopify: {
    title: { column: 'Title', limit: 255 },
    seoTitle: { column: 'SEO title', limit: 70 },
    seoDescription: { column: 'SEO description', limit: 320 },
    alt: { column: 'Image alt text', limit: 512 }
  },
  'shopify-legacy': {
    title: { column: 'Title', limit: 255 },
    seoTitle: { column: 'SEO Title', limit: 70 },
    seoDescription: { column: 'SEO Description', limit: 320 },
    alt: { column: 'Image Alt Text', limit: 512 }
  },
  woocommerce: {},
  merchant: {
    sku: { column: 'id', limit: 50 },
    title: { column: 'structured_title', limit: 150 },
    description: { column: 'structured_description', limit: 5000 },
    url: { column: 'image_link', limit: 2000 }
  }
}

/** Every text of the listings that is longer than the format's column allows. */
export function tooLongFor(format: ShopFormat, listings: readonly Listing[]): TooLong[] {
  const limits = LIMITS[format]
  const found: TooLong[] = []
  const check = (sku: string, part: Part, text: string): void => {
    const rule = limits[part]
    const length = [...text].length
    if (rule && length > rule.limit) found.push({ sku, ...rule, length })
  }
  for (const listing of listings) {
    for (const part of ['title', 'seoTitle', 'seoDescription', 'description', 'sku'] as const)
      check(listing.sku, part, listing[part])
    for (const photo of listing.photos) {
      check(listing.sku, 'alt', photo.alt)
      check(listing.sku, 'url', photo.url)
    }
  }
  return found
}
