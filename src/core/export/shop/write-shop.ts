import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import { rename, rm } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import type { JobState } from '../../jobs/job-state'
import type { JobSettings } from '../../jobs/job-store'
import { fieldLanguages } from '../../templates/languages'
import { exportText, markFormulaStart } from '../sanitize'
import { shopTable, type ShopFormat, type ShopOptions, type ShopTable } from './formats'
import { uniqueHandles, type HandleCollision } from './handles'
import { tooLongFor, type TooLong } from './limits'
import { listingsOf, type GroupBy, type StudioImages } from './listing'

/** How to write a job's shop files. */
export interface ShopChoice extends ShopOptions {
  groupBy: GroupBy
  approvedOnly: boolean
  imageUrlBase?: string
  studioImages?: StudioImages
}

/** What a shop export wrote, and what the person should know about it. */
export interface ShopExport {
  files: string[]
  products: number
  photos: number
  /** Photos whose URL columns are empty (no image URL base was given). */
  withoutUrl: string[]
  collisions: HandleCollision[]
  tooLong: TooLong[]
}

/**
 * Writes a job's approved (or all) answers as a shop's import file, one file per language: the
 * first at `path`, the others beside it (`shop.es.csv`). Each file is written beside its target
 * and renamed over it when complete.
 */
export async function writeShopFiles(
  path: string,
  format: ShopFormat,
  state: JobState,
  settings: JobSettings,
  choice: ShopChoice
): Promise<ShopExport> {
  const result: ShopExport = {
    files: [],
    products: 0,
    photos: 0,
    withoutUrl: [],
    collisions: [],
    tooLong: []
  }
  for (const [i, { code, suffix }] of fieldLanguages(settings).entries()) {
    const listings = listingsOf(state.items.values(), settings, { ...choice, suffix })
    const { handles, collisions } = uniqueHandles(listings)
    const file = i === 0 ? path : languagePath(path, code)
    await writeTable(file, shopTable(format, listings, handles, choice), format)
    result.files.push(file)
    if (i > 0) continue
    result.products = listings.length
    result.photos = listings.reduce((n, l) => n + l.photos.length, 0)
    result.withoutUrl = listings.flatMap((l) => l.photos.filter((p) => !p.url).map((p) => p.path))
    result.collisions = collisions
    result.tooLong = tooLongFor(format, listings)
  }
  return result
}

/** `shop.csv` in another language: `shop.es.csv`. */
export function languagePath(path: string, code: string): string {
  const ext = extname(path)
  return join(dirname(path), `${basename(path, ext)}.${code}${ext}`)
}

/** A table as UTF-8 text with CRLF line ends, streamed; atomically in place. */
async function writeTable(path: string, table: ShopTable, format: ShopFormat): Promise<void> {
  const partial = join(dirname(path), `.${basename(path)}.partial-${process.pid}`)
  const out = createWriteStream(partial, { encoding: 'utf8' })
  const cell = format === 'merchant' ? tsvCell : format === 'woocommerce' ? wooCell : csvText
  const line = (cells: string[]): string =>
    cells.map((text) => cell(text, table.separator)).join(table.separator) + '\r\n'
  try {
    out.write(line(table.header))
    for (const row of table.rows) if (!out.write(line(row))) await once(out, 'drain')
    out.end()
    await once(out, 'finish')
    await rename(partial, path)
  } catch (error) {
    out.destroy()
    await rm(partial, { force: true })
    throw error
  }
}

/**
 * A CSV cell for Shopify: quoted when needed. Model text that would start a formula in a
 * spreadsheet gets a space before it (the shop trims it; a spreadsheet shows it as text).
 */
function csvText(text: string, separator: string): string {
  return quoted(markFormulaStart(exportText(text), ' '), separator)
}

/**
 * WooCommerce's own convention (its exporter's `escape_data`): a `'` before a formula-like start,
 * which its importer's `unescape_data` removes again.
 */
function wooCell(text: string, separator: string): string {
  return quoted(markFormulaStart(exportText(text), "'"), separator)
}

/** A tab-separated feed cell: one line, no tabs (Merchant Center reads a row per line). */
function tsvCell(text: string): string {
  return markFormulaStart(exportText(text).replace(/[\t\r\n]+/g, ' '), ' ')
}

function quoted(text: string, separator: string): string {
  return text.includes(separator) || /["\r\n]/.test(text) || /^\s|\s$/.test(text)
    ? `"${text.replace(/"/g, '""')}"`
    : text
}
