import type { ShopFormat } from '@shared/domain/export-choice'
import { GROUP_BY } from '@shared/domain/export-choice'
import type { Table } from '../../files/read-table'
import type { JobItem } from '../../jobs/job-state'
import type { JobSettings } from '../../jobs/job-store'
import { unmarkFormulaStart } from '../sanitize'
import { relativePath } from './image-url'
import {
  fieldFor,
  partList,
  partText,
  productGroups,
  type ProductGroup,
  type Role
} from './listing'

/** Where a shop file keeps each part of a listing, and how its text is written there. */
interface ShopColumns {
  sku: string
  handle?: string
  parts: Partial<Record<Exclude<Role, 'alt'>, string>>
  /** Descriptions as HTML (Shopify). */
  html?: string
  imageUrl?: string
  alt?: string
  /** Merchant Center: `trained_algorithmic_media:"…"` around the text. */
  structured?: boolean
}

const COLUMNS: Record<ShopFormat, ShopColumns> = {
  shopify: {
    sku: 'SKU',
    handle: 'URL handle',
    parts: {
      title: 'Title',
      description: 'Description',
      seoTitle: 'SEO title',
      seoDescription: 'SEO description',
      tags: 'Tags'
    },
    html: 'Description',
    imageUrl: 'Product image URL',
    alt: 'Image alt text'
  },
  'shopify-legacy': {
    sku: 'Variant SKU',
    handle: 'Handle',
    parts: {
      title: 'Title',
      description: 'Body (HTML)',
      seoTitle: 'SEO Title',
      seoDescription: 'SEO Description',
      tags: 'Tags'
    },
    html: 'Body (HTML)',
    imageUrl: 'Image Src',
    alt: 'Image Alt Text'
  },
  woocommerce: {
    sku: 'SKU',
    parts: {
      title: 'Name',
      description: 'Description',
      seoDescription: 'Short description',
      tags: 'Tags'
    }
  },
  merchant: {
    sku: 'id',
    parts: { title: 'structured_title', description: 'structured_description' },
    structured: true
  }
}

/** Which shop wrote a table, by its header row; null for Photoscribe's own tables. */
export function shopFormatOf(headers: readonly string[]): ShopFormat | null {
  const has = (name: string): boolean => headers.includes(name)
  if (has('URL handle') && has('Title')) return 'shopify'
  if (has('Handle') && has('Body (HTML)')) return 'shopify-legacy'
  if (has('Name') && has('SKU') && (has('Images') || has('Published'))) return 'woocommerce'
  if (has('id') && has('structured_title')) return 'merchant'
  return null
}

/** The fields a shop file changes, per photo, and how its rows matched the job. */
export interface ShopChanges {
  changes: Map<string, Record<string, unknown>>
  matched: number
  unmatched: string[]
}

/**
 * What an edited shop file changes in the job: each product row (by SKU, or an image row by its
 * handle) against the product's photos grouped as the export grouped them, the product's copy
 * into its lead photo's answer and each image row's alt text into that photo's (found by its URL).
 * Only cells that differ from what the export would write count as edits.
 */
export function shopChanges(
  table: Table,
  format: ShopFormat,
  items: readonly JobItem[],
  settings: JobSettings,
  names: { fields: readonly string[]; suffix: string }
): ShopChanges {
  const columns = COLUMNS[format]
  const at = (row: string[], name: string | undefined): string | undefined => {
    const index = name ? table.headers.indexOf(name) : -1
    return index < 0 ? undefined : unguard(row[index] ?? '', format)
  }
  const groups = bestGroups(
    table.rows.map((row) => at(row, columns.sku) ?? ''),
    items,
    settings
  )
  const skuOfHandle = new Map<string, string>()
  const result: ShopChanges = { changes: new Map(), matched: 0, unmatched: [] }
  for (const row of table.rows) {
    const handle = at(row, columns.handle) ?? ''
    const sku = at(row, columns.sku) || skuOfHandle.get(handle) || ''
    if (handle && sku) skuOfHandle.set(handle, sku)
    const group = groups.get(sku.toLowerCase())
    if (!group) {
      result.unmatched.push(sku || handle || '?')
      continue
    }
    if (at(row, columns.parts.title)) {
      result.matched++
      productEdits(group, (part) => at(row, columns.parts[part]), columns, names, result)
    }
    const url = at(row, columns.imageUrl)
    const alt = at(row, columns.alt)
    if (url && alt !== undefined) photoEdit(group, url, alt, settings, names, result)
  }
  return result
}

/** The grouping (by SKU, folder or photo) under which the file's SKUs find the most products. */
function bestGroups(
  skus: readonly string[],
  items: readonly JobItem[],
  settings: JobSettings
): Map<string, ProductGroup> {
  let best = new Map<string, ProductGroup>()
  let found = -1
  for (const groupBy of GROUP_BY) {
    const groups = new Map(
      productGroups(items, settings, { groupBy, approvedOnly: false }).map((g) => [
        g.sku.toLowerCase(),
        g
      ])
    )
    const hits = skus.filter((sku) => sku && groups.has(sku.toLowerCase())).length
    if (hits > found) [best, found] = [groups, hits]
  }
  return best
}

const PARTS = ['title', 'seoTitle', 'description', 'seoDescription', 'tags'] as const

function productEdits(
  group: ProductGroup,
  cell: (part: (typeof PARTS)[number]) => string | undefined,
  columns: ShopColumns,
  names: { fields: readonly string[]; suffix: string },
  result: ShopChanges
): void {
  const lead = group.photos[0].item
  const fields = lead.result?.fields ?? {}
  const taken = new Set<string>()
  for (const part of PARTS) {
    const raw = cell(part)
    const field = fieldFor(part, names.fields, names.suffix)
    if (raw === undefined || !field || taken.has(field)) continue
    const value = readPart(part, raw, columns)
    if (JSON.stringify(value) === JSON.stringify(asWritten(part, fields[field]))) continue
    taken.add(field)
    change(result, lead.id, field, value)
  }
}

function photoEdit(
  group: ProductGroup,
  url: string,
  alt: string,
  settings: JobSettings,
  names: { fields: readonly string[]; suffix: string },
  result: ShopChanges
): void {
  const field = fieldFor('alt', names.fields, names.suffix)
  const decoded = safeDecode(url)
  const photo = group.photos.find(({ path }) => {
    const relative = relativePath(path, settings.inputs)
    return decoded === relative || decoded.endsWith(`/${relative}`)
  })
  if (!field || !photo || photo.item.result?.fields?.[field] === alt) return
  change(result, photo.item.id, field, alt)
}

function change(result: ShopChanges, id: string, field: string, value: unknown): void {
  result.changes.set(id, { ...result.changes.get(id), [field]: value })
}

/** A cell's text as the field holds it: HTML and Merchant's marker undone, tags as a list. */
function readPart(part: string, raw: string, columns: ShopColumns): unknown {
  let text = raw
  if (columns.structured) text = /^trained_algorithmic_media:"([\s\S]*)"$/.exec(text)?.[1] ?? text
  if (columns.html && part === 'description') text = fromHtml(text)
  if (part !== 'tags') return text
  return text
    .split(/(?<!\\),/)
    .map((tag) => tag.replace(/\\,/g, ',').trim())
    .filter(Boolean)
}

/** A field's value as the export wrote it into the file. */
function asWritten(part: string, value: unknown): unknown {
  return part === 'tags' ? partList(value) : partText(value)
}

/** The export's description HTML back to text: paragraphs, line breaks, entities. */
export function fromHtml(html: string): string {
  return html
    .replace(/<\/p>\s*<p>/gi, '\n\n')
    .replace(/<br\s*\/?>/gi, '\n')
    .replace(/<\/?p>/gi, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, '&')
    .trim()
}

/** The export's formula guard undone: Shopify's and Merchant's space, WooCommerce's `'`. */
function unguard(cell: string, format: ShopFormat): string {
  return unmarkFormulaStart(cell, format === 'woocommerce' ? "'" : ' ')
}

function safeDecode(url: string): string {
  try {
    return decodeURIComponent(url)
  } catch {
    return url
  }
}
