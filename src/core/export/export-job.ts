import sharp from 'sharp'
import { PreparedImageCache, cacheKey } from '../images/cache'
import { jobPreprocessSettings, jobTemplate } from '../jobs/job-request'
import type { StoredJob } from '../jobs/job-store'
import { resultRows, type ResultRow } from './rows'
import { writeResults } from './write-results'
import { dataLayout } from '../paths'

/** JPEG thumbnails by photo path, from the prepared-image cache (exceljs embeds no WebP). */
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
    const jpeg = await sharp(cached.thumbnail).jpeg({ quality: 80 }).toBuffer()
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
}

/** Writes a job's results to `path` (format by extension); returns the rows written. */
export async function exportJob(
  job: StoredJob,
  path: string,
  dataDir: string,
  { thumbnails = false, approvedOnly = false }: ExportChoice = {}
): Promise<number> {
  const rows = resultRows(job.state, approvedOnly)
  const pictures =
    thumbnails && path.toLowerCase().endsWith('.xlsx')
      ? await thumbnailsByPath(job, dataDir)
      : null
  const pathOf = (row: ResultRow): string => (row.folder ? `${row.folder}/${row.file}` : row.file)
  await writeResults(
    path,
    rows,
    jobTemplate(job.settings).fields,
    pictures ? { thumbnail: (row) => pictures.get(pathOf(row)) ?? null } : {}
  )
  return rows.length
}
