import { createReadStream } from 'node:fs'
import { mkdir, readFile, readdir, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { writeFileAtomic } from '../files/atomic-file'
import { createBatchClient, type BatchClient, type RemoteBatch } from '../batch/batch-client'
import { BatchLineFiles } from './batch-line-files'
import type { ImageFile, ImageUsage } from './image-request'
import { photoAsk, type ModelRequest } from './model-request'
import { usageCostUsd } from './image-spend'
import type { Recipe } from './recipes'
import { StudioCache } from './studio-output'
import type { StudioPhoto } from './studio-photo'

/** A studio batch as kept on disk: which lines (cache keys) it holds, and where it stands. */
interface BatchRecord {
  /** The input file, uploaded; the batch's id once it was created. */
  fileId: string
  batchId?: string
  keys: string[]
  collected?: boolean
}

/** What bringing the finished batches home did, and which are still running. */
export interface BatchCollect {
  collected: number
  failed: { key: string; message: string }[]
  running: RemoteBatch[]
  /** What the collected images cost by their `usage`, at the Batch price (half). */
  costUsd: number
}

/** The Batch API's price of an image against the live one. */
export const BATCH_PRICE = 0.5

const DONE = new Set(['completed', 'expired', 'cancelled', 'failed'])

/**
 * The photo studio through the Batch API (half the price, within 24 hours): photos not in the
 * cache go up as JSONL lines of `/v1/images/edits` (the photo as a data URL), keyed by their cache
 * key; finished batches' images go straight into the cache, so the run that follows writes every
 * output and sends nothing. Each batch is recorded before it is created, so a lost answer is
 * found again by its input file and never created twice.
 */
export class StudioBatch {
  private readonly cache: StudioCache
  private readonly dir: string

  constructor(
    private readonly recipe: Recipe,
    private readonly client: BatchClient,
    private readonly keyId: string,
    cacheDir: string,
    private readonly maxFileBytes = 190_000_000
  ) {
    this.cache = new StudioCache(cacheDir)
    this.dir = join(cacheDir, 'batches')
  }

  /** Brings every finished batch's images into the cache; says which batches still run. */
  async collect(): Promise<BatchCollect> {
    const result: BatchCollect = { collected: 0, failed: [], running: [], costUsd: 0 }
    for (const [name, record] of await this.pending()) {
      const batch = await this.remote(name, record)
      if (!batch) continue
      if (!DONE.has(batch.status)) {
        result.running.push(batch)
        continue
      }
      await this.bringHome(batch, result)
      await this.save(name, { ...record, batchId: batch.id, collected: true })
    }
    return result
  }

  /**
   * Sends the photos whose images are neither cached nor in a running batch (a photo an earlier
   * run may have been billed for is left out). Returns the batches created.
   */
  async submit(photos: readonly StudioPhoto[]): Promise<RemoteBatch[]> {
    await mkdir(this.dir, { recursive: true })
    const waiting = new Set([...(await this.pending()).values()].flatMap((r) => r.keys))
    const files = new BatchLineFiles(this.dir, this.maxFileBytes)
    for (const photo of photos) {
      const { key, request } = await photoAsk(photo, this.recipe)
      if (request?.kind !== 'edit') continue
      if (waiting.has(key) || (await this.cache.get(key))) continue
      if (await this.cache.possiblyBilled(key)) continue
      waiting.add(key)
      await files.add(key, this.line(key, request))
    }
    const created: RemoteBatch[] = []
    for (const file of await files.close()) created.push(await this.send(file.path, file.keys))
    return created
  }

  private async send(path: string, keys: string[]): Promise<RemoteBatch> {
    const size = (await stat(path)).size
    const name = `photoscribe-studio-${this.recipe.id}-${Date.now()}.jsonl`
    const fileId = await this.client.upload(this.keyId, path, name)
    await rm(path, { force: true })
    const recordName = `${fileId}.json`
    // Recorded before the batch is created: a lost answer is found again by its input file.
    await this.save(recordName, { fileId, keys })
    const batch = await this.client.create(this.keyId, fileId, {
      photoscribe: 'studio',
      recipe: this.recipe.id,
      bytes: String(size)
    })
    await this.save(recordName, { fileId, keys, batchId: batch.id })
    return batch
  }

  /** The batch of a record: by its id, else found by its input file (its creation's answer was lost). */
  private async remote(name: string, record: BatchRecord): Promise<RemoteBatch | null> {
    if (record.batchId) return this.client.retrieve(this.keyId, record.batchId)
    const page = await this.client.list(this.keyId)
    const found = page.batches.find((b) => b.inputFileId === record.fileId)
    if (found) {
      await this.save(name, { ...record, batchId: found.id })
      return found
    }
    // Never created: create it now (the file is already uploaded).
    const batch = await this.client.create(this.keyId, record.fileId, { photoscribe: 'studio' })
    await this.save(name, { ...record, batchId: batch.id })
    return batch
  }

  /** A finished batch's output into the cache, its error lines as failures. */
  private async bringHome(batch: RemoteBatch, result: BatchCollect): Promise<void> {
    for (const fileId of [batch.outputFileId, batch.errorFileId]) {
      if (!fileId) continue
      const path = join(this.dir, `${fileId}.out.jsonl`)
      await this.client.download(this.keyId, fileId, path)
      for await (const line of createInterface({ input: createReadStream(path) })) {
        if (line.trim()) await this.takeLine(line, result)
      }
      await rm(path, { force: true })
    }
    for (const error of batch.errors) result.failed.push({ key: batch.id, message: error.message })
  }

  private async takeLine(text: string, result: BatchCollect): Promise<void> {
    const line = JSON.parse(text) as {
      custom_id: string
      response: { status_code: number; body: Record<string, unknown> } | null
      error: { message?: string } | null
    }
    const body = line.response?.body as
      | {
          data?: { b64_json?: string }[]
          usage?: Record<string, unknown>
          error?: { message?: string }
        }
      | undefined
    const b64 = line.response?.status_code === 200 ? body?.data?.[0]?.b64_json : undefined
    if (!b64) {
      const message = body?.error?.message ?? line.error?.message ?? 'No image in the answer.'
      result.failed.push({ key: line.custom_id, message })
      return
    }
    await this.cache.put(line.custom_id, Buffer.from(b64, 'base64'))
    result.collected++
    result.costUsd += BATCH_PRICE * usageCostUsd(this.recipe.ask!.model, usageOf(body?.usage))
  }

  /** One JSONL line: the recipe's ask, the photos (and mask) as data URLs, keyed by cache key. */
  private line(key: string, request: Extract<ModelRequest, { kind: 'edit' }>): string {
    const ask = this.recipe.ask!
    const url = (file: ImageFile): string =>
      `data:${file.type};base64,${file.bytes.toString('base64')}`
    const body = {
      model: ask.model,
      prompt: ask.prompt,
      size: ask.size,
      quality: ask.quality,
      background: ask.background,
      input_fidelity: ask.inputFidelity,
      output_format: this.recipe.outputFormat,
      n: 1,
      images: request.photos.map((file) => ({ image_url: url(file) })),
      ...(request.mask ? { mask: { image_url: url(request.mask) } } : {})
    }
    return JSON.stringify({ custom_id: key, method: 'POST', url: '/v1/images/edits', body })
  }

  private async pending(): Promise<Map<string, BatchRecord>> {
    const names = (await readdir(this.dir).catch(() => [] as string[])).filter((n) =>
      /^file[-\w]*\.json$/.test(n)
    )
    const records = new Map<string, BatchRecord>()
    for (const name of names) {
      const record = JSON.parse(await readFile(join(this.dir, name), 'utf8')) as BatchRecord
      if (!record.collected) records.set(name, record)
    }
    return records
  }

  private save(name: string, record: BatchRecord): Promise<void> {
    return writeFileAtomic(join(this.dir, name), JSON.stringify(record))
  }
}

function usageOf(raw: Record<string, unknown> | undefined): ImageUsage {
  const details = raw?.input_tokens_details as { image_tokens?: number } | undefined
  return {
    inputTokens: Number(raw?.input_tokens ?? 0),
    inputImageTokens: Number(details?.image_tokens ?? 0),
    outputTokens: Number(raw?.output_tokens ?? 0)
  }
}

/** Where a studio batch goes: the endpoint and its keys (the first key submits and collects). */
export interface BatchConnection {
  baseURL?: string
  fetch?: typeof fetch
  keys: readonly { id: string; apiKey: string }[]
}

/** The studio's batches of `recipe` on a connection's first key, with the cache in `cacheDir`. */
export function studioBatchOn(
  recipe: Recipe,
  connection: BatchConnection,
  cacheDir: string
): StudioBatch {
  const key = connection.keys[0]
  const endpoint = { baseURL: connection.baseURL, fetch: connection.fetch }
  const keys = new Map([[key.id, key.apiKey]])
  const client = createBatchClient(endpoint, keys, recipe.ask!.model, '/v1/images/edits')
  return new StudioBatch(recipe, client, key.id, cacheDir)
}
