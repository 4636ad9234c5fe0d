import { join, relative } from 'node:path'
import type { StudioItem, StudioOptions, StudioView } from '@shared/studio/studio-view'
import type { StudioImages, StudioResult, StudioRun } from '../../../core'
import type { QueuePhoto } from './queue-photos'
import { StudioRecordWriter, readStudioRecord } from './studio-record'

/** The recipe a new studio starts with: Amazon's main image. */
const FIRST_RECIPE = 'white-background'
const MINUTE_MS = 60_000

/**
 * The studio of one open queue: the person's choices, every photo's image, the run going now and
 * each key's recent pace; kept in the job's record (`studio.jsonl`) when the queue is a job.
 */
export class QueueStudio {
  options: StudioOptions = { recipeId: FIRST_RECIPE }
  outDir: string | null = null
  readonly items = new Map<string, StudioItem>()
  run: StudioRun | null = null
  status: StudioView['status'] = 'idle'
  stopReason: string | undefined
  spentBefore = 0
  /** The batches at the Batch API this studio waits for. */
  batches: StudioView['batches']
  private startedAt = 0
  private elapsedBefore = 0
  /** Each key's label by lane id, and when it made its images (for images in the last minute). */
  labels = new Map<string, string>()
  private readonly madeAt = new Map<string, number[]>()
  private readonly record: StudioRecordWriter | null
  readonly loaded: Promise<void>

  constructor(
    readonly viewId: string,
    jobDir: string | undefined,
    private readonly now: () => number
  ) {
    this.record = jobDir ? new StudioRecordWriter(jobDir) : null
    this.loaded = jobDir ? this.load(jobDir) : Promise.resolve()
  }

  private async load(jobDir: string): Promise<void> {
    const record = await readStudioRecord(jobDir)
    if (record.options) this.options = record.options
    if (record.outDir !== undefined) this.outDir = record.outDir
    for (const [rowId, item] of record.items)
      // A photo being made when the app closed was not finished: it is queued again (the cache
      // keeps what the model had already answered).
      this.items.set(rowId, item.status === 'working' ? { ...item, status: 'queued' } : item)
  }

  /** Saves the choices and output folder with the job. */
  saveSetup(): Promise<void> | undefined {
    return this.record?.append({ t: 'setup', options: this.options, outDir: this.outDir })
  }

  /** The output's file, when the photo has one. */
  outputPath(rowId: string): string | undefined {
    const output = this.items.get(rowId)?.output
    return output && this.outDir ? join(this.outDir, output) : undefined
  }

  begin(run: StudioRun, labels: Map<string, string>): void {
    this.run = run
    this.labels = labels
    this.status = 'running'
    this.stopReason = undefined
    this.startedAt = this.now()
  }

  end(stopReason: string | undefined): void {
    this.spentBefore += this.run?.spentUsd ?? 0
    this.elapsedBefore = this.elapsedMs()
    this.run = null
    this.status = 'ended'
    this.stopReason = stopReason
  }

  elapsedMs(): number {
    return this.elapsedBefore + (this.run ? this.now() - this.startedAt : 0)
  }

  working(photo: QueuePhoto): void {
    const item = this.items.get(photo.rowId)
    this.items.set(photo.rowId, {
      rowId: photo.rowId,
      name: photo.name,
      status: 'working',
      ...keep(item)
    })
  }

  /** A photo settled: its item, journaled once its output file is whole (written before this). */
  settled(photo: QueuePhoto, result: StudioResult, madeWith: string | undefined): void {
    const item: StudioItem = { rowId: photo.rowId, name: photo.name, status: result.status }
    if ('reason' in result) item.reason = result.reason
    if ('output' in result && this.outDir) {
      item.output = relative(this.outDir, result.output).split('\\').join('/')
      if (madeWith) item.madeWith = madeWith
      const before = this.items.get(photo.rowId)
      if (before?.output === item.output && before.approved) item.approved = true
    }
    if (result.status === 'made' && result.keyId) this.made(result.keyId)
    this.items.set(photo.rowId, item)
    if (item.status !== 'waiting') void this.record?.append({ t: 'item', item })
  }

  /** A verdict on a made image, written to the job's record before it counts as changed. */
  async approve(rowId: string, approved: boolean): Promise<boolean> {
    const item = this.items.get(rowId)
    if (!item?.output || Boolean(item.approved) === approved) return false
    this.items.set(rowId, { ...item, approved })
    await this.record?.append({ t: 'approve', rowId, approved })
    return true
  }

  /** The approved images by their photo's file, under the output folder (for shop exports). */
  approvedImages(photos: readonly QueuePhoto[]): StudioImages {
    const byPhoto = new Map<string, string>()
    for (const photo of photos) {
      const path = this.items.get(photo.rowId)?.approved && this.outputPath(photo.rowId)
      if (path) byPhoto.set(photo.path, path)
    }
    return { root: this.outDir ?? '', byPhoto }
  }

  /** Settles when everything recorded so far is on disk. */
  written(): Promise<void> {
    return this.record?.written() ?? Promise.resolve()
  }

  /** Photos without an image wait in batches: their rows say so, the panel shows the batches. */
  waitInBatches(
    batches: readonly {
      id: string
      status: string
      counts: { completed: number; total: number }
    }[],
    photos: readonly QueuePhoto[]
  ): void {
    this.batches = batches.map((b) => ({ id: b.id, status: b.status, ...b.counts }))
    for (const photo of photos) {
      const item = this.items.get(photo.rowId)
      if (item && ['made', 'cached', 'failed', 'possiblyBilled'].includes(item.status)) continue
      this.items.set(photo.rowId, { rowId: photo.rowId, name: photo.name, status: 'batched' })
    }
  }

  /** The rate panel: each key's pace, wait and images made in the last minute. */
  lanes(): StudioView['lanes'] {
    if (!this.run) return []
    const since = this.now() - MINUTE_MS
    return this.run.lanesNow().map((lane) => ({
      label: this.labels.get(lane.id) ?? lane.id,
      ipm: Math.round(lane.ipm * 10) / 10,
      lastMinute: (this.madeAt.get(lane.id) ?? []).filter((at) => at > since).length,
      coolingMs: lane.coolingMs,
      closed: lane.closed
    }))
  }

  private made(keyId: string): void {
    const since = this.now() - MINUTE_MS
    const times = (this.madeAt.get(keyId) ?? []).filter((at) => at > since)
    times.push(this.now())
    this.madeAt.set(keyId, times)
  }
}

/** What a photo's item keeps while it is made again: its last output and verdict. */
function keep(item: StudioItem | undefined): Partial<StudioItem> {
  if (!item?.output) return {}
  return { output: item.output, ...(item.madeWith ? { madeWith: item.madeWith } : {}) }
}
