import { skuOf } from '@shared/domain/sku'
import type { JobItem } from './job-state'
import type { JobSettings } from './job-store'
import { targetKeyword } from './target-keyword'

/** The product sheet's row for a photo: by its file name, else by its SKU; empty without one. */
export function productOf(item: JobItem, settings: JobSettings): Record<string, string> {
  if (!settings.productContext) return {}
  const filename = (item.paths[0] ?? '').split(/[\\/]/).at(-1) ?? ''
  return productRow(settings, filename, skuOf(filename, settings.skuPattern))
}

function productRow(settings: JobSettings, filename: string, sku: string): Record<string, string> {
  const context = settings.productContext ?? {}
  const key = productKey(context, filename, sku)
  return Object.hasOwn(context, key) ? context[key] : {}
}

/** Which row of the product sheet is a photo's: its file name's, else its SKU's (lower case). */
function productKey(context: Record<string, unknown>, filename: string, sku: string): string {
  const byName = filename.toLowerCase()
  return Object.hasOwn(context, byName) || !sku ? byName : sku.toLowerCase()
}

/**
 * The job's settings with a product's target keywords typed in the window: its sheet row (by
 * file name, else by SKU, else a new row for the SKU) gets them, so every photo of the product
 * is asked for them and checked against them. Empty keywords take them out.
 */
export function withProductKeywords(
  item: JobItem,
  settings: JobSettings,
  keywords: string
): JobSettings {
  const context = { ...settings.productContext }
  const filename = (item.paths[0] ?? '').split(/[\\/]/).at(-1) ?? ''
  const key = productKey(context, filename, skuOf(filename, settings.skuPattern))
  const row = { ...(Object.hasOwn(context, key) ? context[key] : {}) }
  delete row.keywords
  context[key] = keywords.trim() ? { ...row, keywords: keywords.trim() } : row
  return { ...settings, productContext: context }
}

/**
 * The `{variables}` a photo brings: file name, folder, SKU (the file name without extension), the
 * job's language, and the product sheet's row for it (brand, keywords and any other column).
 */
export function photoVariables(item: JobItem, settings: JobSettings): Record<string, string> {
  const path = item.paths[0] ?? ''
  const parts = path.split(/[\\/]/)
  const filename = parts.at(-1) ?? ''
  const sku = skuOf(filename, settings.skuPattern)
  const product = productRow(settings, filename, sku)
  const extra = Object.entries(product).filter(([k]) => k !== 'brand' && k !== 'keywords')
  return {
    ...product,
    filename,
    folder: parts.at(-2) ?? '',
    sku,
    language: settings.language,
    brand: product.brand ?? '',
    keywords: product.keywords ?? '',
    brand_note: product.brand ? `The brand is ${product.brand}.` : '',
    keywords_note: keywordsNote(product.keywords),
    context:
      extra.length > 0 ? `Product facts: ${extra.map(([k, v]) => `${k}: ${v}`).join('; ')}.` : '',
    redo_note: redoNote(item)
  }
}

/** The reviewer's note on an answer asked for again: the whole answer, or one field of it. */
function redoNote(item: JobItem): string {
  if (item.redo === undefined) return ''
  const asks = item.redo ? ` The reviewer asks: ${item.redo}` : ''
  const field = item.redoField
  if (!field) return `Write a new answer.${asks}`
  const now = item.result?.fields?.[field]
  const current = typeof now === 'string' ? ` It is now: "${now}".` : ''
  return `Write a new ${field} only; the other fields may stay as they are.${current}${asks}`
}

/** The fields an answer keeps when only one of them was asked for again. */
export function keptFields(item: JobItem): Record<string, unknown> | undefined {
  const fields = item.result?.fields
  if (item.redo === undefined || !item.redoField || !fields) return undefined
  return Object.fromEntries(Object.entries(fields).filter(([name]) => name !== item.redoField))
}

/** The sheet's keywords for the prompt: the first is the target (checked in titles and descriptions). */
function keywordsNote(keywords: string | undefined): string {
  const target = targetKeyword(keywords)
  if (!target) return ''
  return `Put “${target}” in the title and the description. Use these keywords where they fit naturally: ${keywords}.`
}
