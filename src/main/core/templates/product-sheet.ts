import { readTable } from '../files/read-table'

const KEY_COLUMNS = ['file', 'filename', 'file name', 'image', 'photo', 'sku', 'id', 'product id']

/**
 * Reads a product sheet (CSV or XLSX) into per-photo facts, keyed by file name or SKU (lower
 * case): its brand, keywords and every other column become template variables.
 */
export async function readProductSheet(
  path: string
): Promise<Record<string, Record<string, string>>> {
  const { headers, rows } = await readTable(path)
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
  return sheet
}
