import { z } from 'zod'
import { problem } from '../problem'

/** The shop import files Photoscribe writes, beside its own tables (XLSX, CSV, JSON). */
export const SHOP_FORMATS = ['shopify', 'shopify-legacy', 'woocommerce', 'merchant'] as const
export type ShopFormat = (typeof SHOP_FORMATS)[number]

/** How photos become products in a shop file: by SKU, by folder, or one product each. */
export const GROUP_BY = ['sku', 'folder', 'none'] as const
export type GroupBy = (typeof GROUP_BY)[number]

/** The file extension a shop format is saved with (Merchant Center reads tab-separated text). */
export function shopExtension(format: ShopFormat): 'csv' | 'tsv' {
  return format === 'merchant' ? 'tsv' : 'csv'
}

const httpUrl = z
  .string()
  .trim()
  .max(1000, problem('tooLong', 1000))
  .refine((text) => /^https?:\/\/[^/\s]+/i.test(text), problem('notHttpUrl'))
  .refine((text) => !/^https?:\/\/[^/\s]*@/i.test(text), problem('urlCredentials'))

/** What a shop file needs besides the answers: where photos and pages live, whose brand. */
export const shopChoiceSchema = z
  .object({
    groupBy: z.enum(GROUP_BY).default('sku'),
    /** Photos' URLs: this base plus each photo's path below its folder. */
    imageUrlBase: httpUrl.optional(),
    /** A product page's address with `{handle}` or `{sku}` (Merchant Center's `link`). */
    productUrl: httpUrl.optional(),
    /** Shopify's Vendor. */
    vendor: z.string().trim().max(255, problem('tooLong', 255)).optional(),
    /** WooCommerce: the SEO plugin whose meta columns to fill. */
    seoPlugin: z.enum(['yoast', 'rankmath']).optional()
  })
  .strict()

export type ShopChoiceInput = z.input<typeof shopChoiceSchema>
export type ShopChoiceOptions = z.infer<typeof shopChoiceSchema>
