import type { Command } from 'commander'
import { existsSync, statSync } from 'node:fs'
import {
  GROUP_BY,
  type GroupBy,
  SHOP_FORMATS,
  shopChoiceSchema,
  type ShopFormat
} from '@shared/domain/export-choice'
import { issueProblem } from '@shared/problem'
import type { ExportChoice, ExportReport } from '../../core'
import { cliProblem } from '../problem-words'
import { UsageError } from './usage-error'

/** Flags that say what file to write: a table or a shop's import file. */
export interface OutputFlags {
  format?: string
  groupBy?: string
  imageUrlBase?: string
  productUrl?: string
  vendor?: string
  seoPlugin?: string
  thumbnails: boolean
  approvedOnly: boolean
}

const TABLE_FORMATS = ['xlsx', 'csv', 'json', 'jsonl']
/** Copies of the photos with their alt text inside: `--out` names a folder. */
const PHOTOS = 'photos'
const ALL_FORMATS = [...SHOP_FORMATS, PHOTOS, ...TABLE_FORMATS]

/** Registers the export flags of `photoscribe run`: thumbnails, approved only, shop files. */
export function addExportOptions(run: Command): void {
  run
    .option('--thumbnails', 'put a thumbnail in each XLSX row', false)
    .option(
      '--approved-only',
      "export only the answers approved in the window's review desk (with --resume)",
      false
    )
    .option(
      '--format <format>',
      `what to write: ${ALL_FORMATS.join(', ')} (default: by --out's extension); photos writes copies of the photos with their alt text into the folder --out`
    )
    .option(
      '--group-by <sku|folder|none>',
      'shop files: one product per SKU (see --sku-pattern), per folder, or per photo',
      'sku'
    )
    .option(
      '--image-url-base <url>',
      'shop files: where the photos are published; each photo’s URL is this plus its path below its folder'
    )
    .option(
      '--product-url <url>',
      'merchant: a product page’s address with {handle} or {sku}, e.g. https://shop.example.com/products/{handle}'
    )
    .option('--vendor <name>', 'shopify: the Vendor column (your brand)')
    .option(
      '--seo-plugin <yoast|rankmath>',
      'woocommerce: fill that plugin’s meta title and description'
    )
}

/** The shop format asked for, if any; a table format or none leaves the extension to decide. */
export function shopFormatOf(flags: OutputFlags): ShopFormat | null {
  if (flags.format === undefined) return null
  if ((SHOP_FORMATS as readonly string[]).includes(flags.format)) return flags.format as ShopFormat
  if (TABLE_FORMATS.includes(flags.format) || flags.format === PHOTOS) return null
  throw new UsageError(`--format: use one of ${ALL_FORMATS.join(', ')}; got "${flags.format}".`)
}

/** Checks `--out` against the format: a table's extension, or a shop file's .csv / .tsv / .txt. */
export function outProblem(out: string, flags: OutputFlags): string | null {
  const extension = out.toLowerCase().split('.').at(-1) ?? ''
  const shop = shopFormatOf(flags)
  if (flags.format === PHOTOS)
    return existsSync(out) && !statSync(out).isDirectory()
      ? `--out: --format photos writes copies into a folder; "${out}" is a file.`
      : null
  if (shop)
    return ['csv', 'tsv', 'txt'].includes(extension)
      ? null
      : `--out: a ${shop} file is text: name it .${shop === 'merchant' ? 'tsv' : 'csv'}; got "${out}".`
  if (flags.format && extension !== flags.format)
    return `--out: --format ${flags.format} writes a .${flags.format} file; got "${out}".`
  return TABLE_FORMATS.includes(extension)
    ? null
    : `--out: use .xlsx, .csv, .json or .jsonl (or --format shopify, woocommerce, merchant); got "${out}".`
}

/** What to export, from the flags: validated as the window's export choices are. */
export function exportChoiceOf(flags: OutputFlags): ExportChoice {
  const base = { thumbnails: flags.thumbnails, approvedOnly: flags.approvedOnly }
  if (flags.groupBy && !(GROUP_BY as readonly string[]).includes(flags.groupBy))
    throw new UsageError(`--group-by: use sku, folder or none; got "${flags.groupBy}".`)
  if (flags.format === PHOTOS) return { ...base, photos: { groupBy: flags.groupBy as GroupBy } }
  const format = shopFormatOf(flags)
  if (!format) return base
  const parsed = shopChoiceSchema.safeParse({
    groupBy: flags.groupBy ?? 'sku',
    imageUrlBase: flags.imageUrlBase,
    productUrl: flags.productUrl,
    vendor: flags.vendor,
    seoPlugin: flags.seoPlugin
  })
  if (!parsed.success) {
    const problem = issueProblem(parsed.error.issues)
    const flag = `--${(problem.field ?? '').replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`
    throw new UsageError(`${flag}: ${cliProblem({ ...problem, field: undefined })}`)
  }
  return { ...base, shop: { format, ...parsed.data } }
}

/** What a person should know about a shop file or photo copies, in lines for the terminal. */
export function exportNotes(report: ExportReport): string[] {
  if (report.photos) return photoNotes(report.photos)
  const shop = report.shop
  if (!shop) return []
  const lines = [`${shop.products} products, ${shop.photos} photos: ${shop.files.join(', ')}`]
  if (shop.withoutUrl.length > 0)
    lines.push(
      `The image URL columns are empty for ${shop.withoutUrl.length} photos: a shop fetches photos by URL. Give --image-url-base <url> (where the photos are published).`
    )
  for (const { handle, skus } of shop.collisions)
    lines.push(
      `Products ${skus.join(', ')} had the same handle "${handle}": a suffix keeps them apart.`
    )
  for (const { sku, column, length, limit } of shop.tooLong.slice(0, 20))
    lines.push(
      `${sku}: ${column} has ${length} characters, over the ${limit} the platform takes (not cut: shorten it in the review desk).`
    )
  return lines
}

const SKIPPED_WHY = {
  format: 'a format whose image data Photoscribe cannot check (JPEG, PNG, WebP and TIFF can be)',
  unreadable: 'the original could not be read',
  changedPixels: 'writing changed the image data, so the copy was not kept',
  writeFailed: 'ExifTool could not write it'
} as const

function photoNotes(photos: NonNullable<ExportReport['photos']>): string[] {
  return [
    `${photos.written} photo copies with their alt text in ${photos.dir} (the originals are untouched).`,
    ...photos.skipped.map(({ path, reason }) => `Not copied: ${path}: ${SKIPPED_WHY[reason]}.`)
  ]
}
