import { open } from 'node:fs/promises'
import { Readable } from 'node:stream'
import OpenAI from 'openai'
import { request, type Dispatcher } from 'undici'
import { OPENAI_BASE_URL } from '../openai/endpoint'
import type { EndpointConfig } from '../openai/transport'

const CHUNK = 1 << 16

/**
 * Uploads a batch input file as `multipart/form-data`, read from disk a chunk at a time as the
 * socket drains. (fetch — the SDK's too — keeps every chunk of a streamed body until the answer
 * comes: 200 MB of RSS per file; undici's `request` does not.) Failures are the SDK's errors, so
 * they are classified like any other call.
 */
export async function streamUpload(
  endpoint: EndpointConfig & { dispatcher?: Dispatcher },
  apiKey: string,
  path: string,
  name: string
): Promise<string> {
  const boundary = `photoscribe-${Math.random().toString(36).slice(2)}`
  const url = `${(endpoint.baseURL ?? OPENAI_BASE_URL).replace(/\/$/, '')}/files`
  const headers = {
    ...endpoint.defaultHeaders,
    authorization: `Bearer ${apiKey}`,
    'content-type': `multipart/form-data; boundary=${boundary}`
  }
  let response: Dispatcher.ResponseData
  try {
    response = await request(url, {
      method: 'POST',
      headers,
      body: Readable.from(multipart(boundary, path, name), { objectMode: false }),
      dispatcher: endpoint.dispatcher
    })
  } catch (error) {
    throw new OpenAI.APIConnectionError({ cause: error instanceof Error ? error : undefined })
  }
  const text = await response.body.text()
  const body = parseJson(text)
  if (response.statusCode >= 200 && response.statusCode < 300 && typeof body?.id === 'string')
    return body.id
  const responseHeaders = new Headers()
  for (const [key, value] of Object.entries(response.headers))
    if (typeof value === 'string') responseHeaders.set(key, value)
  throw OpenAI.APIError.generate(
    response.statusCode,
    (body ?? undefined) as object | undefined,
    text.slice(0, 300),
    responseHeaders
  )
}

async function* multipart(boundary: string, path: string, name: string): AsyncGenerator<Buffer> {
  const safeName = name.replace(/["\r\n]/g, '_')
  yield Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="purpose"\r\n\r\nbatch\r\n` +
      `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${safeName}"\r\n` +
      'Content-Type: application/jsonl\r\n\r\n'
  )
  const file = await open(path)
  try {
    for await (const chunk of file.createReadStream({ highWaterMark: CHUNK, autoClose: false }))
      yield chunk as Buffer
  } finally {
    await file.close()
  }
  yield Buffer.from(`\r\n--${boundary}--\r\n`)
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    return JSON.parse(text) as Record<string, unknown>
  } catch {
    return null
  }
}
