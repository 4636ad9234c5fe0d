import type { Listing } from './listing'

import type { ShopFormat } from '@shared/domain/export-choice'
export { SHOP_FORMATS, type ShopFormat } from '@shared/domain/export-choice'

/** What a shop file needs besides the listings. */
export interface ShopOptions {
  /** Shopify's Vendor (the brand). */
  vendor?: string
  /** The product page's address, `{handle}` and `{sku}` filled in (Merchant Center's `link`). */
  productUrl?: string
  /** WooCommerce: the SEO plugin whose meta description and title columns to write. */
  seoPlugin?: 'yoast' | 'rankmath'
}

/** A shop file as rows of text: its header, one row per product or per further photo (made as written). */
export interface ShopTable {
  header: string[]
  rows: Iterable<string[]>
  separator: ',' | '\t'
}

type Row = Record<string, string>

/**
 * The listings as the platform's import file. Products are written as drafts (no price or stock is
 * known here): a person publishes them in the shop.
 */
export function shopTable(
  format: ShopFormat,
  listings: readonly Listing[],
  handles: readonly string[],
  options: ShopOptions = {}
): ShopTable {
  const build = BUILDERS[format]
  const header = build.header(options)
  function* rows(): Generator<string[]> {
    for (const [i, listing] of listings.entries())
      for (const row of build.rows(listing, handles[i], options))
        yield header.map((h) => row[h] ?? '')
  }
  return { header, rows: rows(), separator: build.separator }
}

interface Builder {
  header(options: ShopOptions): string[]
  rows(listing: Listing, handle: string, options: ShopOptions): Row[]
  separator: ',' | '\t'
}

/** Shopify's product CSV (the current column names): the product, then a row per further photo. */
const shopify: Builder = {
  separator: ',',
  header: () => [
    'Title',
    'URL handle',
    'Description',
    'Vendor',
    'Tags',
    'Published on online store',
    'Status',
    'SKU',
    'Option1 name',
    'Option1 value',
    'Product image URL',
    'Image position',
    'Image alt text',
    'SEO title',
    'SEO description'
  ],
  rows: (listing, handle, options) =>
    shopifyRows(listing, handle, (photo, position) => ({
      'URL handle': handle,
      'Product image URL': photo.url,
      'Image position': String(position),
      'Image alt text': photo.alt
    })).map((row, i) =>
      i > 0
        ? row
        : {
            ...row,
            Title: listing.title,
            Description: descriptionHtml(listing.description),
            Vendor: options.vendor ?? '',
            Tags: listing.tags.join(', '),
            'Published on online store': 'FALSE',
            Status: 'draft',
            SKU: listing.sku,
            'Option1 name': 'Title',
            'Option1 value': 'Default Title',
            'SEO title': listing.seoTitle,
            'SEO description': listing.seoDescription
          }
    )
}

/** Shopify's older column names, still read by Shopify and many tools. */
const shopifyLegacy: Builder = {
  separator: ',',
  header: () => [
    'Handle',
    'Title',
    'Body (HTML)',
    'Vendor',
    'Tags',
    'Published',
    'Option1 Name',
    'Option1 Value',
    'Variant SKU',
    'Image Src',
    'Image Position',
    'Image Alt Text',
    'SEO Title',
    'SEO Description',
    'Status'
  ],
  rows: (listing, handle, options) =>
    shopifyRows(listing, handle, (photo, position) => ({
      Handle: handle,
      'Image Src': photo.url,
      'Image Position': String(position),
      'Image Alt Text': photo.alt
    })).map((row, i) =>
      i > 0
        ? row
        : {
            ...row,
            Title: listing.title,
            'Body (HTML)': descriptionHtml(listing.description),
            Vendor: options.vendor ?? '',
            Tags: listing.tags.join(', '),
            Published: 'FALSE',
            'Option1 Name': 'Title',
            'Option1 Value': 'Default Title',
            'Variant SKU': listing.sku,
            'SEO Title': listing.seoTitle,
            'SEO Description': listing.seoDescription,
            Status: 'draft'
          }
    )
}

/** One row per photo (a product without photos still gets its row), the photo's columns filled. */
function shopifyRows(
  listing: Listing,
  handle: string,
  image: (photo: Listing['photos'][number], position: number) => Row
): Row[] {
  if (listing.photos.length === 0) return [{ 'URL handle': handle, Handle: handle }]
  return listing.photos.map((photo, i) => image(photo, i + 1))
}

const SEO_META = {
  yoast: { description: 'Meta: _yoast_wpseo_metadesc', title: 'Meta: _yoast_wpseo_title' },
  rankmath: { description: 'Meta: rank_math_description', title: 'Meta: rank_math_title' }
} as const

/** WooCommerce's core importer: one row per product, its photos' URLs in Images (first featured). */
const woocommerce: Builder = {
  separator: ',',
  header: (options) => [
    'Type',
    'SKU',
    'Name',
    'Published',
    'Short description',
    'Description',
    'Tags',
    'Images',
    ...(options.seoPlugin
      ? [SEO_META[options.seoPlugin].title, SEO_META[options.seoPlugin].description]
      : [])
  ],
  rows: (listing, _handle, options) => [
    {
      Type: 'simple',
      SKU: listing.sku,
      Name: listing.title,
      // A draft: WooCommerce's importer reads "false" as -1 (1 published, 0 private, -1 draft).
      Published: 'false',
      'Short description': listing.seoDescription,
      Description: listing.description,
      // A comma inside a tag is escaped, as WooCommerce's own exporter does.
      Tags: listing.tags.map((tag) => tag.replace(/,/g, '\\,')).join(', '),
      Images: listing.photos
        .map((photo) => photo.url)
        .filter(Boolean)
        .join(', '),
      ...(options.seoPlugin
        ? {
            [SEO_META[options.seoPlugin].title]: listing.seoTitle,
            [SEO_META[options.seoPlugin].description]: listing.seoDescription
          }
        : {})
    }
  ]
}

/** The AI-made marker Merchant Center asks for on machine-written titles and descriptions. */
const MADE_BY_AI = 'trained_algorithmic_media'

/**
 * A Google Merchant Center supplemental feed (tab-separated): the copy and photos by product id.
 * The text is machine-written, so it goes in `structured_title` and `structured_description`
 * marked as such; price, availability and condition stay with the shop's main feed.
 */
const merchant: Builder = {
  separator: '\t',
  header: (options) => [
    'id',
    'structured_title',
    'structured_description',
    ...(options.productUrl ? ['link'] : []),
    'image_link',
    'additional_image_link'
  ],
  rows: (listing, handle, options) => [
    {
      id: listing.sku,
      structured_title: structured(listing.title),
      structured_description: structured(listing.description),
      link: options.productUrl ? productLink(options.productUrl, handle, listing.sku) : '',
      image_link: listing.photos[0]?.url ?? '',
      additional_image_link: listing.photos
        .slice(1, 11)
        .map((photo) => photo.url)
        .filter(Boolean)
        .join(',')
    }
  ]
}

/** `trained_algorithmic_media:"…"`, the text on one line, its own double quotes made typographic. */
function structured(text: string): string {
  if (!text) return ''
  const line = text.replace(/\s+/g, ' ').trim().replace(/"/g, '”')
  return `${MADE_BY_AI}:"${line}"`
}

function productLink(pattern: string, handle: string, sku: string): string {
  return pattern
    .replace(/\{handle\}/g, encodeURIComponent(handle))
    .replace(/\{sku\}/g, encodeURIComponent(sku))
}

const BUILDERS: Record<ShopFormat, Builder> = {
  shopify,
  'shopify-legacy': shopifyLegacy,
  woocommerce,
  merchant
}

/** Plain text as the HTML a description column holds: escaped, blank lines as paragraphs. */
export function descriptionHtml(text: string): string {
  const escaped = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  return escaped
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => `<p>${part.replace(/\n/g, '<br>')}</p>`)
    .join('')
}
