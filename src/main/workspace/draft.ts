import { basename, dirname } from 'node:path'
import type { JobOptions } from '@shared/domain/job-options'
import type { EstimateView, QueueRow } from '@shared/domain/queue'
import type { RateLimits } from '@shared/models/catalog'
import {
  jobName,
  listFiles,
  readPhotoSize,
  type JobService,
  type JobSettings,
  type Listing,
  type MeasuredPhoto,
  type ProductSheet
} from '../../core'

/** A product sheet attached to a draft. */
export interface AttachedSheet {
  name: string
  path: string
  context: NonNullable<JobSettings['productContext']>
  encoding?: ProductSheet['encoding']
}

interface DraftFile {
  id: string
  path: string
  /** Why ingest refused it (a link outside, an unsupported format, …). */
  rejected?: string
  /** Its header could not be read as an image: it will fail at Run, so the queue says so now. */
  unreadable?: boolean
}

const UNREADABLE =
  "This file doesn't look like an image Photoscribe can read; unless it is replaced, it fails at Run with the exact reason."

/** How many headers are read at once in the background. */
const HEADER_READS = 4

/**
 * Photos added to the window but not run yet. Rows appear as the folder walk finds them; the
 * headers (sizes) are read in the background in an order spread over the queue, so the estimate
 * is good early and exact once every header is read. Nothing is hashed or sent here.
 */
export class Draft {
  readonly files = new Map<string, DraftFile>()
  readonly inputs: string[] = []
  private readonly listings: Listing[] = []
  private readonly measured = new Map<string, MeasuredPhoto>()
  private readonly toMeasure: DraftFile[] = []
  private measuring = 0
  private walks = 0
  private next = 1
  sheet: AttachedSheet | null = null

  constructor(
    readonly id: string,
    public options: JobOptions,
    private readonly changed: (change: DraftChange) => void,
    /** The engine's estimate (the one the CLI's --dry-run gives). */
    private readonly engine: Pick<JobService, 'estimate'>
  ) {}

  get walking(): boolean {
    return this.walks > 0
  }

  get name(): string {
    return this.inputs.length === 0 ? 'New queue' : jobName(this.inputs)
  }

  /** Walks the inputs; each photo found becomes a row at once. Resolves with how many were added. */
  async add(paths: readonly string[]): Promise<number> {
    this.walks++
    this.inputs.push(...paths)
    const known = new Set([...this.files.values()].map((file) => file.path))
    let added = 0
    try {
      const listing = await listFiles(paths, (path) => {
        if (known.has(path)) return
        known.add(path)
        added++
        this.changed({ rows: [this.addFile(path)] })
      })
      this.listings.push(listing)
      const refused = listing.rejected.map((file) => this.addFile(file.path, file.reason))
      if (refused.length > 0) this.changed({ rows: refused })
    } finally {
      this.walks--
      this.changed({ walking: this.walking })
    }
    return added
  }

  remove(ids: readonly string[]): number {
    let removed = 0
    for (const id of ids) if (this.files.delete(id)) removed++
    return removed
  }

  /** The walk's results, merged, without removed files: what a job is created from. */
  listing(): Listing {
    const kept = new Set([...this.files.values()].map((file) => file.path))
    return {
      files: [...new Set(this.listings.flatMap((l) => l.files))].filter((p) => kept.has(p)),
      rejected: this.listings.flatMap((l) => l.rejected).filter((r) => kept.has(r.path)),
      skipped: this.listings.reduce((sum, l) => sum + l.skipped, 0)
    }
  }

  rows(): QueueRow[] {
    return [...this.files.values()].map(draftRow)
  }

  pathOf(id: string): string | undefined {
    return this.files.get(id)?.path
  }

  /** The estimate for `settings` from the headers read so far (null before any is). */
  estimate(settings: JobSettings, keyLimits?: Partial<RateLimits>[]): EstimateView | null {
    const photos = [...this.files.values()].filter((file) => !file.rejected)
    const measured = photos.flatMap((file) => this.measured.get(file.path) ?? [])
    if (photos.length === 0 || measured.length === 0) return null
    const view = this.engine.estimate(settings, measured, photos.length, keyLimits)
    return this.sheet ? { ...view, sheet: this.sheetMatches(settings, photos) } : view
  }

  private sheetMatches(settings: JobSettings, photos: DraftFile[]): EstimateView['sheet'] {
    const context = this.sheet!.context
    const pattern = settings.skuPattern ? new RegExp(settings.skuPattern) : null
    const matched = photos.filter((file) => {
      const name = basename(file.path).toLowerCase()
      const sku = (
        pattern?.exec(basename(file.path))?.[1] ?? name.replace(/\.[^.]+$/, '')
      ).toLowerCase()
      return Object.hasOwn(context, name) || Object.hasOwn(context, sku)
    }).length
    const rows = new Set(Object.values(context)).size
    return { name: this.sheet!.name, matched, rows, ...this.sheet!.encoding }
  }

  private addFile(path: string, rejected?: string): QueueRow {
    const file = { id: `f${this.next++}`, path, rejected }
    this.files.set(file.id, file)
    if (!rejected) this.queueHeader(file)
    return draftRow(file)
  }

  /** Headers are read in a spread order: every 16th photo first, then the rest as found. */
  private queueHeader(file: DraftFile): void {
    if (this.files.size % 16 === 1) this.toMeasure.unshift(file)
    else this.toMeasure.push(file)
    this.pumpHeaders()
  }

  private pumpHeaders(): void {
    while (this.measuring < HEADER_READS && this.toMeasure.length > 0) {
      const file = this.toMeasure.shift()!
      this.measuring++
      void readPhotoSize(file.path).then((size) => {
        this.measured.set(file.path, { path: file.path, size })
        this.measuring--
        this.pumpHeaders()
        file.unreadable = size === null
        const rows = file.unreadable && this.files.has(file.id) ? [draftRow(file)] : undefined
        this.changed({ measured: this.measured.size, rows })
      })
    }
  }
}

/** What changed in a draft, for the window. */
export interface DraftChange {
  rows?: QueueRow[]
  walking?: boolean
  measured?: number
}

function draftRow(file: DraftFile): QueueRow {
  const row: QueueRow = {
    id: file.id,
    name: basename(file.path),
    folder: dirname(file.path),
    status: file.rejected ? 'failed' : 'listed'
  }
  if (file.rejected) return { ...row, code: 'rejected', reason: file.rejected }
  return file.unreadable
    ? { ...row, status: 'failed', code: 'unreadable', reason: UNREADABLE }
    : row
}
