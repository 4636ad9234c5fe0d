import { createWriteStream } from 'node:fs'
import { rename } from 'node:fs/promises'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'
import type OpenAI from 'openai'
import { redactSecrets } from '@shared/redact'
import { classifyError } from '../openai/classify'
import { diskErrorOf } from '../files/disk-error'
import type { RequestFailure } from '../openai/failure'
import { dispatcherOf } from '../openai/proxy-route'
import { clientCache, type EndpointConfig } from '../openai/transport'
import { streamUpload } from './stream-upload'

/** A batch as the engine reads it from the server. */
export interface RemoteBatch {
  id: string
  status: string
  inputFileId: string
  outputFileId: string | null
  errorFileId: string | null
  counts: { total: number; completed: number; failed: number }
  errors: { code: string; message: string }[]
  metadata: Record<string, string>
}

/** One page of `GET /batches`, newest first. */
export interface BatchPage {
  batches: RemoteBatch[]
  hasMore: boolean
  lastId: string | null
}

/** The Files and Batches calls Batch mode makes, by key id (the secrets stay in here). */
export interface BatchClient {
  upload(keyId: string, path: string, name: string): Promise<string>
  /** An uploaded batch file of that name and size, if one exists (an upload whose answer was lost). */
  findUpload(keyId: string, name: string, bytes: number): Promise<string | null>
  create(keyId: string, fileId: string, metadata: Record<string, string>): Promise<RemoteBatch>
  list(keyId: string, after?: string): Promise<BatchPage>
  retrieve(keyId: string, batchId: string): Promise<RemoteBatch>
  cancel(keyId: string, batchId: string): Promise<void>
  /** Streams a file's content to `path` (written to a temporary name first). */
  download(keyId: string, fileId: string, path: string): Promise<void>
}

/** A call that failed, classified as the live path classifies it. */
export class BatchCallError extends Error {
  constructor(readonly failure: RequestFailure) {
    super(failure.message)
    this.name = 'BatchCallError'
  }
}

const LIST_PAGE = 100

/** What a batch's lines ask: copy (chat completions), or image edits (the photo studio). */
export type BatchEndpoint = '/v1/chat/completions' | '/v1/images/edits'

/** The Batch API through the openai SDK: streamed uploads and downloads, `maxRetries: 0`. */
export function createBatchClient(
  endpoint: EndpointConfig,
  keys: ReadonlyMap<string, string>,
  model: string,
  lines: BatchEndpoint = '/v1/chat/completions'
): BatchClient {
  return new SdkBatchClient(clientCache(endpoint, keys), endpoint, keys, model, lines)
}

class SdkBatchClient implements BatchClient {
  constructor(
    private readonly clientFor: (keyId: string, model: string) => OpenAI,
    private readonly endpoint: EndpointConfig,
    private readonly keys: ReadonlyMap<string, string>,
    private readonly model: string,
    private readonly lines: BatchEndpoint
  ) {}

  upload(keyId: string, path: string, name: string): Promise<string> {
    const dispatcher = dispatcherOf(this.endpoint.fetch)
    return this.call(keyId, () =>
      streamUpload({ ...this.endpoint, dispatcher }, this.keys.get(keyId) ?? '', path, name)
    )
  }

  findUpload(keyId: string, name: string, bytes: number): Promise<string | null> {
    return this.call(keyId, async (client) => {
      const page = await client.files.list({ purpose: 'batch', limit: LIST_PAGE, order: 'desc' })
      return page.data.find((f) => f.filename === name && f.bytes === bytes)?.id ?? null
    })
  }

  create(keyId: string, fileId: string, metadata: Record<string, string>): Promise<RemoteBatch> {
    return this.call(keyId, async (client) =>
      toRemote(
        await client.batches.create({
          input_file_id: fileId,
          endpoint: this.lines,
          completion_window: '24h',
          metadata
        })
      )
    )
  }

  list(keyId: string, after?: string): Promise<BatchPage> {
    return this.call(keyId, async (client) => {
      const page = await client.batches.list({ limit: LIST_PAGE, ...(after ? { after } : {}) })
      const batches = page.data.map(toRemote)
      return { batches, hasMore: page.has_more, lastId: batches.at(-1)?.id ?? null }
    })
  }

  retrieve(keyId: string, batchId: string): Promise<RemoteBatch> {
    return this.call(keyId, async (client) => toRemote(await client.batches.retrieve(batchId)))
  }

  cancel(keyId: string, batchId: string): Promise<void> {
    return this.call(keyId, async (client) => void (await client.batches.cancel(batchId)))
  }

  download(keyId: string, fileId: string, path: string): Promise<void> {
    return this.call(keyId, async (client) => {
      const response = await client.files.content(fileId)
      if (!response.body) throw new Error(`File ${fileId} came back empty.`)
      const partial = `${path}.partial`
      const body = Readable.fromWeb(response.body as unknown as WebReadableStream)
      await pipeline(body, createWriteStream(partial))
      await rename(partial, path)
    })
  }

  /** Runs one SDK call; its failure is classified as the live path's, with any key redacted. */
  private async call<T>(keyId: string, work: (client: OpenAI) => Promise<T>): Promise<T> {
    try {
      return await work(this.clientFor(keyId, this.model))
    } catch (error) {
      // A result file the disk cannot take is not an API failure: it is never retried as one.
      if (diskErrorOf(error)) throw error
      const failure = classifyError(error)
      const message = redactSecrets(failure.message, [...this.keys.values()])
      throw new BatchCallError({ ...failure, message })
    }
  }
}

function toRemote(batch: OpenAI.Batches.Batch): RemoteBatch {
  return {
    id: batch.id,
    status: batch.status,
    inputFileId: batch.input_file_id,
    outputFileId: batch.output_file_id ?? null,
    errorFileId: batch.error_file_id ?? null,
    counts: {
      total: batch.request_counts?.total ?? 0,
      completed: batch.request_counts?.completed ?? 0,
      failed: batch.request_counts?.failed ?? 0
    },
    errors: (batch.errors?.data ?? []).map((e) => ({
      code: e.code ?? 'failed',
      message: e.message ?? 'The batch failed.'
    })),
    metadata: (batch.metadata ?? {}) as Record<string, string>
  }
}
