import { readTable, type Table } from '../files/read-table'
import type { SheetEncoding } from '../files/text-encoding'

const KEY_COLUMNS = ['file', 'filename', 'file name', 'image', 'photo', 'sku', 'id', 'product id']

/**
 * Reads a product sheet (CSV or XLSX) into per-photo facts, keyed by file name or SKU (lower
 * case): its brand, keywords and every other column become template variables.
 */
export async function readProductSheet(
  path: string,
  options: { encoding?: SheetEncoding } = {}
): Promise<ProductSheet> {
  const { headers, rows, encoding } = await readTable(path, options)
  const names = headers.map((h) => h.toLowerCase().replace(/\s+/g, '_'))
  const keyIndex = headers.findIndex((h) => KEY_COLUMNS.includes(h.toLowerCase()))
  if (keyIndex < 0)
    throw new Error(
      `The product sheet needs a column named file, filename, image or sku; it has: ${headers.join(', ')}.`
    )
  // Dictionaries without a prototype: a row keyed "__proto__" or "constructor" is just a row.
  const sheet: Record<string, Record<string, string>> = Object.create(null)
  for (const row of rows) {
    const key = (row[keyIndex] ?? '').trim().toLowerCase()
    if (!key) continue
    const facts: Record<string, string> = Object.create(null)
    names.forEach((name, i) => {
      if (i !== keyIndex && row[i]?.trim()) facts[name] = row[i].trim()
    })
    sheet[key] = facts
    sheet[key.replace(/\.[^.]+$/, '')] ??= facts
  }
  return { context: sheet, encoding }
}

/** A product sheet's facts by file name or SKU, and how a CSV's bytes were read. */
export interface ProductSheet {
  context: Record<string, Record<string, string>>
  encoding?: Table['encoding']
}
