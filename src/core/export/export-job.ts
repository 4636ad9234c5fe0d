import { PreparedImageCache, cacheKey } from '../images/cache'
import { spreadsheetThumbnail } from '../images/thumbnail'
import { jobPreprocessSettings, jobTemplate } from '../jobs/job-request'
import type { StoredJob } from '../jobs/job-store'
import { resultRows, type ResultRow } from './rows'
import { writeResults } from './write-results'
import { dataLayout } from '../paths'
import {
  shopChoiceSchema,
  type GroupBy,
  type ShopChoiceInput,
  type ShopFormat
} from '@shared/domain/export-choice'
import { writePhotoCopies, type PhotosExport } from './photos/write-photos'
import type { StudioImages } from './shop/listing'
import { writeShopFiles, type ShopExport } from './shop/write-shop'

/** JPEG thumbnails by photo path, made from the prepared-image cache. */
async function thumbnailsByPath(job: StoredJob, dataDir: string): Promise<Map<string, Buffer>> {
  const cache = await PreparedImageCache.open(
    dataLayout(dataDir).imageCache,
    Number.MAX_SAFE_INTEGER
  )
  const settings = jobPreprocessSettings(job.settings)
  const pictures = new Map<string, Buffer>()
  for (const item of job.state.items.values()) {
    const cached = item.sha256 ? await cache.get(cacheKey(item.sha256, settings)) : null
    if (!cached) continue
    const jpeg = await spreadsheetThumbnail(cached)
    for (const path of item.paths) pictures.set(path.replace(/\\/g, '/'), jpeg)
  }
  return pictures
}

/** What goes into an export besides the answers. */
export interface ExportChoice {
  /** Thumbnails in an XLSX. */
  thumbnails?: boolean
  /** Only the answers a person approved in the review desk (else every photo). */
  approvedOnly?: boolean
  /** A shop's import file instead of a table (format by the file's extension). */
  shop?: { format: ShopFormat } & ShopChoiceInput
  /** Copies of the photos with their alt text in their metadata, into the folder `path`. */
  photos?: { groupBy?: GroupBy }
  /** The studio's approved images: a shop file lists them in place of their photos. */
  studioImages?: StudioImages
}

/** What an export wrote: rows (products, for a shop file), the files, and what to know. */
export interface ExportReport {
  rows: number
  files: string[]
  /** A shop file's notes: photos without URLs, handle collisions, text too long. */
  shop?: ShopExport
  /** Photo copies: how many were written, and which were left out and why. */
  photos?: PhotosExport
}

/** Writes a job's results to `path`: a shop's file, or a table by the path's extension. */
export async function exportJob(
  job: StoredJob,
  path: string,
  dataDir: string,
  choice: ExportChoice = {}
): Promise<ExportReport> {
  const { shop, photos, approvedOnly = false, studioImages } = choice
  if (photos) {
    const written = await writePhotoCopies(path, job.state, job.settings, {
      ...photos,
      approvedOnly
    })
    return { rows: written.written, files: [path], photos: written }
  }
  if (shop) {
    const { format, ...wanted } = shop
    const options = shopChoiceSchema.parse(wanted)
    const written = await writeShopFiles(path, format, job.state, job.settings, {
      ...options,
      approvedOnly,
      ...(studioImages ? { studioImages } : {})
    })
    return { rows: written.products, files: written.files, shop: written }
  }
  return { rows: await exportTable(job, path, dataDir, choice), files: [path] }
}

/** The job's results as a table (XLSX, CSV, JSON); returns the rows written. */
async function exportTable(
  job: StoredJob,
  path: string,
  dataDir: string,
  { thumbnails = false, approvedOnly = false }: ExportChoice
): Promise<number> {
  const rows = resultRows(job.state, approvedOnly, job.settings)
  const pictures =
    thumbnails && path.toLowerCase().endsWith('.xlsx') ? await thumbnailsByPath(job, dataDir) : null
  const pathOf = (row: ResultRow): string => (row.folder ? `${row.folder}/${row.file}` : row.file)
  await writeResults(
    path,
    rows,
    jobTemplate(job.settings).fields,
    pictures ? { thumbnail: (row) => pictures.get(pathOf(row)) ?? null } : {}
  )
  return rows.length
}
