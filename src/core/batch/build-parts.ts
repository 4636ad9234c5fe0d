import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import type { ModelPrices } from '@shared/models/catalog'
import { PreparedImageCache } from '../images/cache'
import { createPreparer } from '../images/prepare'
import { overBudgetReason, type Budget } from '../jobs/budget'
import { jobPreprocessSettings, productRequest } from '../jobs/job-request'
import { prepareGroups, type PreparedGroup } from '../jobs/prepare-groups'
import { requestGroups } from '../jobs/products'
import type { JobItem } from '../jobs/job-state'
import type { StoredJob } from '../jobs/job-store'
import type { JobRecorder } from '../jobs/recorder'
import type { UsageHints } from '../estimate/request-estimate'
import type { Template } from '../templates/template'
import { dataLayout } from '../paths'
import type { PartLimits } from '@shared/models/batch-limits'
import { batchLine, PartWriter } from './part-writer'

const IMAGE_CACHE_BYTES = 2 * 1024 ** 3

/** What building batch files needs from the run. */
export interface BuildContext {
  job: StoredJob
  dataDir: string
  recorder: JobRecorder
  budget: Budget
  template: Template
  /** Batch prices (what the budget reserves), or null when the job has none. */
  prices: ModelPrices | null
  limits: PartLimits
  /** What earlier answers taught about image tokens (the budget reserves by it). */
  hints?: UsageHints
  lookahead: number
  stopped: () => boolean
  /** A part's file is on disk and journaled: it can be uploaded. */
  onPart: (n: number) => void
  onLine: () => void
}

/** Why building ended early, when it did. */
export type BuildStop = { kind: 'budget'; reason: string } | null

/** The folder a job's batch files live in, and one part's file in it. */
export function partPath(job: StoredJob, file: string): string {
  return join(job.dir, file)
}

/**
 * Prepares each photo as the live path would, writes its request as a JSONL line (streamed: a
 * photo's bytes are gone once its line is written), and closes a part at the file limits,
 * journaling it before it can be uploaded. Cached answers and unreadable photos are recorded here.
 */
export async function buildParts(items: JobItem[], ctx: BuildContext): Promise<BuildStop> {
  const { job } = ctx
  await mkdir(join(job.dir, 'batch'), { recursive: true })
  const cache = await PreparedImageCache.open(dataLayout(ctx.dataDir).imageCache, IMAGE_CACHE_BYTES)
  const prepare = createPreparer(jobPreprocessSettings(job.settings), cache)
  const groups = requestGroups(items, job.settings, ctx.template)
  const parts = new PartSink(ctx)
  try {
    for await (const group of prepareGroups(groups, prepare, ctx.lookahead)) {
      if (ctx.stopped()) break
      const stop = await addRequest(ctx, parts, group)
      if (stop) return stop
    }
  } finally {
    await parts.finish()
  }
  return null
}

/**
 * One prepared request (a photo, or a product's photos): failed, answered from the cache, or
 * written as a line (budget allowing).
 */
async function addRequest(
  ctx: BuildContext,
  parts: PartSink,
  group: PreparedGroup
): Promise<BuildStop> {
  for (const { item, code, reason } of group.failed)
    await ctx.recorder.failed(item.id, code, reason)
  if (group.photos.length === 0) return null
  const request = productRequest(group.photos, ctx.template, ctx.job.settings, ctx.prices, {
    hints: ctx.hints
  })
  const id = request.work.id
  const cached = await ctx.recorder.cached(request.cacheKey)
  if (cached) {
    const result = { ...cached, fromCache: true, costUsd: 0, latencyMs: 0 }
    await ctx.recorder.done(id, result, null, request.product)
    return null
  }
  if (!ctx.budget.reserve(request.estimateUsd))
    return { kind: 'budget', reason: overBudgetReason(ctx.budget) }
  await parts.add(batchLine(id, request.work.body), {
    id,
    cacheKey: request.cacheKey,
    tokens: request.estimate.promptTokens,
    costUsd: request.estimateUsd,
    ...(request.product ? { photos: request.product.photos } : {})
  })
  ctx.onLine()
  return null
}

/** The part being written, and the journaling of each one that closes. */
class PartSink {
  private writer: PartWriter | null = null
  private n: number
  private file = ''
  /** A write failed (the disk filled): the file may end mid-line, so it is never journaled. */
  private broken = false

  constructor(private readonly ctx: BuildContext) {
    this.n = Math.max(0, ...ctx.job.state.batch.parts.keys())
  }

  async add(line: Buffer, entry: Parameters<PartWriter['write']>[1]): Promise<void> {
    if (this.writer && !this.writer.fits(line.length, entry.tokens)) await this.close()
    if (!this.writer) {
      this.n++
      this.file = `batch/part-${this.n}.jsonl`
      this.writer = await PartWriter.create(partPath(this.ctx.job, this.file), this.ctx.limits)
    }
    await this.writer.write(line, entry).catch((error: unknown) => {
      this.broken = true
      throw error
    })
  }

  async finish(): Promise<void> {
    if (this.writer && this.writer.lines > 0 && !this.broken) return this.close()
    await this.writer?.abandon()
    if (this.writer) await rm(partPath(this.ctx.job, this.file), { force: true })
    this.writer = null
  }

  private async close(): Promise<void> {
    const written = await this.writer!.close()
    this.writer = null
    await this.ctx.recorder.note({ e: 'batch-part', part: this.n, file: this.file, ...written })
    this.ctx.onPart(this.n)
  }
}
