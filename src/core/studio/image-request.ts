import { retryAfterMs } from '../openai/rate-headers'
import type { ModelAsk } from './recipes'

/** One image request's outcome, by what may be done next. */
export type ImageOutcome =
  /** `limit`: the key's images per minute as the answer's headers say, when they do. */
  | { kind: 'done'; image: Buffer; usage: ImageUsage; limit: number | null }
  /** Refused before anything was made: safe to send again after `waitMs`. */
  | { kind: 'rateLimited'; waitMs: number; limit: number | null }
  /** The key may not use this model at all (a limit of 0): its lane stops, nothing is retried. */
  | { kind: 'noAccess'; message: string }
  /** The body reached the server, then the answer was lost: it may have been billed. */
  | { kind: 'possiblyBilled'; message: string }
  /** Failed before the body was sent (a refused connection): nothing was billed. */
  | { kind: 'notSent'; message: string }
  /** The whole run stops: the key, the quota, the model. */
  | { kind: 'stop'; reason: 'auth' | 'quota' | 'model'; message: string }
  /** This photo cannot be made as asked (a 400): not retried. */
  | { kind: 'refused'; message: string }

/** What OpenAI reports an image request used. */
export interface ImageUsage {
  inputTokens: number
  inputImageTokens: number
  outputTokens: number
}

export interface ImageCall {
  baseURL: string
  apiKey: string
  fetch?: typeof fetch
  timeoutMs: number
  /** The body's last byte went out: the server counts the request against its limits from now. */
  onSent?: () => void
}

/**
 * Sends one `/v1/images/edits` request with the photo(s), no retries of its own (a retry bills a
 * new image). Whether the body was fully sent is tracked, so a lost answer after it is "possibly
 * billed" and never re-sent blindly, while a failure before it is safe to send again.
 */
export function sendImageEdit(
  call: ImageCall,
  ask: ModelAsk,
  outputFormat: string,
  photos: readonly ImageFile[],
  mask?: ImageFile
): Promise<ImageOutcome> {
  return sendImageRequest(call, '/images/edits', editForm(ask, outputFormat, photos, mask))
}

/**
 * Asks for an image made from words alone (`/v1/images/generations`, JSON), under the same rules
 * as an edit: a failure before the body was sent goes again; after it, "possibly billed".
 */
export function sendImageGeneration(
  call: ImageCall,
  ask: ModelAsk,
  outputFormat: string,
  prompt: string
): Promise<ImageOutcome> {
  const { model, size, quality, background } = ask
  const json = { model, prompt, size, quality, background, output_format: outputFormat, n: 1 }
  const body = new Blob([JSON.stringify(json)], { type: 'application/json' })
  return sendImageRequest(call, '/images/generations', body)
}

/** A photo (or mask) as it goes into a request. */
export interface ImageFile {
  bytes: Buffer
  name: string
  type: string
}

async function sendImageRequest(
  call: ImageCall,
  path: string,
  payload: FormData | Blob
): Promise<ImageOutcome> {
  const body = trackedBody(payload, call.onSent)
  try {
    const response = await (call.fetch ?? fetch)(`${call.baseURL.replace(/\/$/, '')}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${call.apiKey}`, 'content-type': body.type },
      body: body.stream,
      duplex: 'half',
      signal: AbortSignal.timeout(call.timeoutMs)
    } as RequestInit)
    return await readOutcome(response)
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    return body.sent()
      ? {
          kind: 'possiblyBilled',
          message: `The answer was lost after the request was sent (${message}).`
        }
      : { kind: 'notSent', message }
  }
}

/** The multipart form of an edit: the ask's fields, every photo as `image[]`, the mask if any. */
function editForm(
  ask: ModelAsk,
  outputFormat: string,
  photos: readonly ImageFile[],
  mask?: ImageFile
): FormData {
  const form = new FormData()
  const fields: Record<string, string> = {
    model: ask.model,
    prompt: ask.prompt,
    size: ask.size,
    quality: ask.quality,
    background: ask.background,
    output_format: outputFormat,
    input_fidelity: ask.inputFidelity
  }
  for (const [name, value] of Object.entries(fields)) form.append(name, value)
  for (const photo of photos)
    form.append(
      'image[]',
      new Blob([new Uint8Array(photo.bytes)], { type: photo.type }),
      photo.name
    )
  if (mask)
    form.append('mask', new Blob([new Uint8Array(mask.bytes)], { type: mask.type }), mask.name)
  return form
}

/** A body encoded as a stream that says when its last byte was taken. */
function trackedBody(
  form: FormData | Blob,
  onSent: () => void = () => {}
): {
  stream: ReadableStream<Uint8Array>
  type: string
  sent: () => boolean
} {
  const encoded = new Response(form)
  const reader = encoded.body!.getReader()
  let sent = false
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const { done, value } = await reader.read()
      if (done) {
        sent = true
        onSent()
        controller.close()
      } else controller.enqueue(value)
    }
  })
  return { stream, type: encoded.headers.get('content-type') ?? '', sent: () => sent }
}

async function readOutcome(response: Response): Promise<ImageOutcome> {
  const text = await response.text()
  if (response.ok) return answered(text, headerLimit(response.headers))
  const error = errorOf(text)
  if (response.status === 429) return tooMany(response, error)
  if (response.status === 401 || response.status === 403)
    return { kind: 'stop', reason: 'auth', message: error.message }
  if (response.status === 404) return { kind: 'stop', reason: 'model', message: error.message }
  if (response.status >= 500)
    return {
      kind: 'possiblyBilled',
      message: `The server failed after the photo was sent (${response.status}: ${error.message}).`
    }
  return { kind: 'refused', message: error.message }
}

/** The key's images per minute from an answer's headers (images, else requests), when given. */
function headerLimit(headers: Headers): number | null {
  const value = headers.get('x-ratelimit-limit-images') ?? headers.get('x-ratelimit-limit-requests')
  const limit = Number(value)
  return value && Number.isFinite(limit) && limit > 0 ? limit : null
}

function answered(text: string, limit: number | null): ImageOutcome {
  try {
    const body = JSON.parse(text) as {
      data?: { b64_json?: string }[]
      usage?: {
        input_tokens?: number
        output_tokens?: number
        input_tokens_details?: { image_tokens?: number }
      }
    }
    const b64 = body.data?.[0]?.b64_json
    if (!b64) throw new Error('no image in the answer')
    const usage = body.usage ?? {}
    return {
      kind: 'done',
      image: Buffer.from(b64, 'base64'),
      limit,
      usage: {
        inputTokens: usage.input_tokens ?? 0,
        inputImageTokens: usage.input_tokens_details?.image_tokens ?? 0,
        outputTokens: usage.output_tokens ?? 0
      }
    }
  } catch (error) {
    // A paid answer that cannot be read: billed all the same, never sent again blindly.
    return { kind: 'possiblyBilled', message: `The answer could not be read (${String(error)}).` }
  }
}

function errorOf(text: string): { message: string; code?: string } {
  try {
    const body = JSON.parse(text) as { error?: { message?: string; code?: string } }
    return { message: body.error?.message ?? text.slice(0, 300), code: body.error?.code }
  } catch {
    return { message: text.slice(0, 300) }
  }
}

/** A 429: out of quota (stop), no access (a limit of 0), or a wait (the header, else the words). */
function tooMany(response: Response, error: { message: string; code?: string }): ImageOutcome {
  if (error.code === 'insufficient_quota')
    return { kind: 'stop', reason: 'quota', message: error.message }
  const limit = /Limit: (\d+)\/1min/i.exec(error.message)
  if (limit && Number(limit[1]) === 0) return { kind: 'noAccess', message: error.message }
  const waitMs = retryAfterMs(response.headers, error.message) ?? 1000
  return { kind: 'rateLimited', waitMs, limit: limit ? Number(limit[1]) : null }
}
