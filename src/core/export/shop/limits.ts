import type { ShopFormat } from './formats'
import { SHOP_LIMITS, type Part } from '@shared/domain/shop-limits'
import type { Listing } from './listing'

/** Text longer than a platform's column takes: flagged, never cut. */
export interface TooLong {
  sku: string
  column: string
  length: number
  limit: number
}

/** Every text of the listings that is longer than the format's column allows. */
export function tooLongFor(format: ShopFormat, listings: readonly Listing[]): TooLong[] {
  const limits = SHOP_LIMITS[format]
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
