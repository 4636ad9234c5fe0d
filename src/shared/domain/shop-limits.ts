import type { ShopFormat } from './export-choice'

export type Part = 'title' | 'seoTitle' | 'seoDescription' | 'description' | 'sku' | 'alt' | 'url'

/** Each platform's limits on what Photoscribe writes (Shopify's admin, Merchant Center's spec). */
export const SHOP_LIMITS: Record<
  ShopFormat,
  Partial<Record<Part, { column: string; limit: number }>>
> = {
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

/** Each format's platform, as people call it. */
export const PLATFORM_NAMES: Record<ShopFormat, string> = {
  shopify: 'Shopify',
  'shopify-legacy': 'Shopify',
  woocommerce: 'WooCommerce',
  merchant: 'Google Merchant Center'
}

/** A platform column's limit on one part of a listing. */
export interface PartLimit {
  format: ShopFormat
  column: string
  limit: number
}

/**
 * The strictest platform limit on a part of a listing (a title: Merchant Center's 150), so the
 * review desk can flag a text before any export cuts or refuses it.
 */
export function strictestLimit(part: Part): PartLimit | undefined {
  let found: PartLimit | undefined
  for (const [format, limits] of Object.entries(SHOP_LIMITS) as [
    ShopFormat,
    (typeof SHOP_LIMITS)[ShopFormat]
  ][]) {
    const rule = limits[part]
    if (rule && (!found || rule.limit < found.limit)) found = { format, ...rule }
  }
  return found
}
