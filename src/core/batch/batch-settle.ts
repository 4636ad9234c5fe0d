import { rm } from 'node:fs/promises'
import { findModel, type ModelPrices } from '@shared/models/catalog'
import type { AnswerDesk } from '../jobs/answer-desk'
import type { JobRequest } from '../jobs/job-request'
import { photoVariables } from '../jobs/job-request'
import type { JobItem } from '../jobs/job-state'
import type { JobRecorder } from '../jobs/recorder'
import { buildRequest, expectedCompletionTokens } from '../templates/build-request'
import type { Template } from '../templates/template'
import type { RemoteBatch } from './batch-client'
import { linePhotos, partOf, type BatchPart } from '../jobs/batch-state'
import { productPhotos, productTemplate } from '../jobs/products'
import { partPath } from './build-parts'
import { patiently, type SubmitContext } from './batch-submit'
import { readResultLines, type ResultLine } from './batch-results'

/** What joining a finished batch back to its photos needs. */
export interface SettleContext extends SubmitContext {
  recorder: JobRecorder
  desk: AnswerDesk
  template: Template
  /** The Batch prices the answers are billed at. */
  prices: ModelPrices | null
}

/**
 * Downloads a finished batch's output and error files (streamed to disk) and records each line
 * for the photo its `custom_id` names, in whatever order they come: answers go through the same
 * parsing and rules as live ones. Lines already recorded (a crash mid-way) are skipped.
 */
export async function settleBatch(
  ctx: SettleContext,
  part: BatchPart,
  batch: RemoteBatch
): Promise<void> {
  const index = new Map(part.ids.map((id, i) => [id, i]))
  for (const [which, fileId] of [
    ['output', batch.outputFileId],
    ['error', batch.errorFileId]
  ] as const) {
    if (!fileId) continue
    const path = partPath(ctx.job, `batch/part-${part.n}.${which}.jsonl`)
    await patiently(ctx, () => ctx.client.download(part.keyId!, fileId, path))
    for await (const line of readResultLines(path)) {
      const i = index.get(line.customId)
      if (i !== undefined) recordLine(ctx, part, i, line)
    }
    await ctx.recorder.idle()
    await rm(path, { force: true })
  }
  await ctx.note({ e: 'batch-settled', part: part.n, at: Date.now() })
}

function recordLine(ctx: SettleContext, part: BatchPart, i: number, line: ResultLine): void {
  const item = ctx.job.state.items.get(line.customId)
  // Only the photo's latest batch speaks for it, and an answer already kept is not paid twice.
  if (!item || item.status === 'done' || partOf(ctx.job.state.batch, item.id)?.n !== part.n) return
  if (line.kind === 'unrun') return
  const photos = linePhotos(part, item.id)
  if (line.kind === 'failed')
    return void ctx.recorder.failed(item.id, line.code, line.reason, undefined, photos)
  ctx.desk.sent(lineRequest(ctx, part, i, item, photos))
  ctx.desk.answered(item.id, line.completion, 0)
}

/**
 * A batch line's request as the answer desk needs it: the cache key, the estimate a missing
 * `usage` falls back on, Batch prices, and the text of the prompt (a re-ask goes live, text only).
 */
function lineRequest(
  ctx: SettleContext,
  part: BatchPart,
  i: number,
  item: JobItem,
  photos: string[] | undefined
): JobRequest {
  const { settings } = ctx.job
  const model = findModel(settings.model)
  const product = photos && productPhotos(ctx.template, photos)
  const template = productTemplate(ctx.template, product)
  const built = buildRequest(
    template,
    photoVariables(item, settings),
    { dataUrl: '', detail: settings.detail },
    model,
    settings.model,
    settings.structuredMode
  )
  return {
    work: { id: item.id, body: built.body, chargeTokens: 0 },
    cacheKey: part.cacheKeys[i] ?? '',
    estimate: {
      promptTokens: Math.round(part.tokens / Math.max(1, part.lines)),
      outputTokens: expectedCompletionTokens(template, model)
    },
    estimateUsd: 0,
    pricedAt: ctx.prices,
    textOnly: true,
    ...(product ? { product } : {})
  }
}
