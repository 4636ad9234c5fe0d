import { basename, dirname } from 'node:path'
import type { JobOptions } from '@shared/domain/job-options'
import type { EstimateView, QueueRow } from '@shared/domain/queue'
import type { RateLimits } from '@shared/models/catalog'
import {
  groupingPreview,
  jobName,
  jobTemplate,
  listFiles,
  BATCH_FILES,
  readPhotoHeads,
  type JobService,
  type JobSettings,
  type Listing,
  type MeasuredPhoto,
  type PhotoHead,
  type ProductSheet
} from '../../core'
import { oneProductProblem, skuGroups, skuOf } from '@shared/domain/sku'
import { AppError, ErrorCodes } from '@shared/errors'
import { HeaderQueue } from './header-queue'

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
  /** The file ends before its image does: only the part that can be read would be sent. */
  cutOff?: boolean
}

const UNREADABLE =
  "This file doesn't look like an image Photoscribe can read; unless it is replaced, it fails at Run with the exact reason."

/** Unmatched photo names the sheet's preview lists. */
const UNMATCHED_SHOWN = 5

/**
 * Headers are read on the process's read threads (`readPhotoHeads`), BATCH_FILES photos a call
 * and BATCHES calls at once; a smaller batch goes out once the walk has paused for BATCH_WAIT_MS
 * or ended. Read one by one on the thread pool, a dropped folder of 100,000 photos
 * took 14–18 s to be measured, most of it the main thread waking for each read.
 */
const BATCHES = 4
const BATCH_WAIT_MS = 25

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
  private readonly toMeasure = new HeaderQueue<DraftFile>()
  private measuring = 0
  private batchTimer: ReturnType<typeof setTimeout> | null = null
  private walks = 0
  private next = 1
  sheet: AttachedSheet | null = null

  constructor(
    readonly id: string,
    private chosen: JobOptions,
    private readonly changed: (change: DraftChange) => void,
    /** The engine's estimate (the one the CLI's --dry-run gives). */
    private readonly engine: Pick<JobService, 'estimate'>
  ) {}

  get options(): JobOptions {
    return this.chosen
  }

  /** New options; a SKU pattern that puts every photo into one product is refused, with counts. */
  set options(options: JobOptions) {
    if (options.skuPattern !== this.chosen.skuPattern) {
      const problem = oneProductProblem(this.photoNames(), options.skuPattern)
      if (problem) throw new AppError(ErrorCodes.invalidInput, problem)
    }
    this.chosen = options
  }

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
    // Rows found go to the window in batches (a folder's listing comes at once).
    const found: QueueRow[] = []
    const tell = (): void => void (found.length > 0 && this.changed({ rows: found.splice(0) }))
    try {
      const listing = await listFiles(paths, (path) => {
        if (known.has(path)) return
        known.add(path)
        added++
        if (found.push(this.addFile(path)) === 1) setImmediate(tell)
      })
      tell()
      this.listings.push(listing)
      const refused = listing.rejected.map((file) => this.addFile(file.path, file.reason))
      if (refused.length > 0) this.changed({ rows: refused })
    } finally {
      this.walks--
      this.changed({ walking: this.walking })
      this.pumpHeaders()
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
      skipped: this.listings.reduce((sum, l) => sum + l.skipped, 0),
      bytes: new Map(this.listings.flatMap((l) => [...(l.bytes ?? [])]))
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
    const estimated = this.engine.estimate(settings, measured, photos.length, keyLimits)
    const cutOff = photos.filter((file) => file.cutOff).length
    const grouping = groupingPreview(
      photos.map((file) => file.path),
      settings,
      jobTemplate(settings)
    )
    const view = {
      ...estimated,
      ...(cutOff > 0 ? { cutOff } : {}),
      ...(grouping ? { grouping } : {})
    }
    return this.sheet ? { ...view, sheet: this.sheetMatches(settings, photos) } : view
  }

  /** The file names of the photos that would be sent. */
  private photoNames(): string[] {
    return [...this.files.values()].filter((f) => !f.rejected).map((f) => basename(f.path))
  }

  /**
   * How the sheet meets the photos under the SKU pattern: matched, a few of those unmatched (the
   * live preview beside the pattern), and how many products the pattern makes of the photos.
   */
  private sheetMatches(settings: JobSettings, photos: DraftFile[]): EstimateView['sheet'] {
    const context = this.sheet!.context
    const names = photos.map((file) => basename(file.path))
    const unmatched = names.filter((name) => {
      const sku = skuOf(name, settings.skuPattern).toLowerCase()
      return !Object.hasOwn(context, name.toLowerCase()) && !Object.hasOwn(context, sku)
    })
    return {
      name: this.sheet!.name,
      matched: names.length - unmatched.length,
      rows: new Set(Object.values(context)).size,
      unmatched: unmatched.slice(0, UNMATCHED_SHOWN),
      products: skuGroups(names, settings.skuPattern).products,
      ...this.sheet!.encoding
    }
  }

  private addFile(path: string, rejected?: string): QueueRow {
    const file = { id: `f${this.next++}`, path, rejected }
    this.files.set(file.id, file)
    if (!rejected) this.queueHeader(file)
    return draftRow(file)
  }

  /** Headers are read in a spread order: every 16th photo first, then the rest as found. */
  private queueHeader(file: DraftFile): void {
    this.toMeasure.push(file, this.files.size % 16 === 1)
    this.pumpHeaders()
  }

  private pumpHeaders(force = false): void {
    while (this.measuring < BATCHES && this.toMeasure.size > 0) {
      if (this.toMeasure.size < BATCH_FILES && this.walking && !force) return this.pumpLater()
      const batch = this.nextBatch()
      this.measuring++
      void readPhotoHeads(batch.map((file) => file.path)).then((heads) => {
        this.measuring--
        this.pumpHeaders()
        this.measuredBatch(batch, heads)
      })
    }
  }

  private nextBatch(): DraftFile[] {
    const batch: DraftFile[] = []
    while (batch.length < BATCH_FILES && this.toMeasure.size > 0) batch.push(this.toMeasure.next()!)
    return batch
  }

  /** A part batch goes out if no more photos come within BATCH_WAIT_MS. */
  private pumpLater(): void {
    this.batchTimer ??= setTimeout(() => {
      this.batchTimer = null
      this.pumpHeaders(true)
    }, BATCH_WAIT_MS)
  }

  private measuredBatch(batch: DraftFile[], heads: PhotoHead[]): void {
    const odd: QueueRow[] = []
    for (const [i, file] of batch.entries()) {
      const { size, cutOff } = heads[i]
      this.measured.set(file.path, { path: file.path, size })
      file.unreadable = size === null
      file.cutOff = cutOff
      if ((file.unreadable || cutOff) && this.files.has(file.id)) odd.push(draftRow(file))
    }
    this.changed({ measured: this.measured.size, rows: odd.length > 0 ? odd : undefined })
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
  if (file.unreadable) return { ...row, status: 'failed', code: 'unreadable', reason: UNREADABLE }
  return file.cutOff ? { ...row, warning: 'cutOff' } : row
}
