import { createHash } from 'node:crypto'
import type { IncomingMessage, ServerResponse } from 'node:http'
import { findImageModel, imageModelGone, outputImageTokens } from '@shared/models/image-models'
import { formatDuration } from '@shared/ratelimit/duration'
import type { KeyAccount } from './accounts'
import { ORG, SimError, invalidRequest, quotaError } from './errors'
import { readBody, readJson, sendJson } from './http'
import { parseSize, renderImage, type ImageAsk } from './image-render'
import { modelNotFound } from './model-life'
import type { SimulatorOptions } from './options'
import type { Outcome } from './routes'

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Input image tokens one photo costs on the image models (a fixed figure: the docs give none). */
const INPUT_IMAGE_TOKENS = 323

/** What the image endpoints need from the server around them. */
export interface ImageContext {
  options: SimulatorOptions
  nextId: () => string
  random: () => number
}

/**
 * `POST /v1/images/edits` (multipart, up to 16 photos) and `/v1/images/generations` (JSON): the
 * model checked (404 once shut down), images per minute admitted per key (429 bodies as OpenAI's,
 * "Limit: 0/1min" for a key without access), then the images made and billed, also when the
 * client has gone away meanwhile.
 */
export async function handleImages(
  req: IncomingMessage,
  res: ServerResponse,
  account: KeyAccount,
  ctx: ImageContext,
  edit: boolean
): Promise<Outcome> {
  let clientGone = false
  res.once('close', () => (clientGone = !res.writableEnded))
  const ask = edit ? await readEdit(req) : readGeneration(await readJson(req))
  checkModel(ask.model, ctx.options)
  const facts = {
    model: ask.model,
    imagesOut: ask.n,
    images: ask.inputs.map(inputFacts),
    prompt: ask.prompt,
    ...(ask.mask ? { masked: true } : {})
  }
  const refused = admit(account, ask)
  const admittedTime = Date.now()
  if (refused) {
    refused.facts = { ...facts, imagesOut: 0, admittedTime }
    throw refused
  }
  const { latencyMs, latencyJitterMs } = ctx.options
  const wait = Math.max(0, latencyMs + (ctx.random() * 2 - 1) * latencyJitterMs)
  await new Promise((resolve) => setTimeout(resolve, wait))
  if (clientGone || res.destroyed)
    return {
      ...facts,
      admittedTime,
      status: 0,
      outcome: ctx.options.billAbandoned ? 'client_gone_billed' : 'client_gone'
    }
  return { ...facts, admittedTime, ...(await answer(res, account, ask, ctx)) }
}

/** The images made, sent with their usage and the key's image limits. */
async function answer(
  res: ServerResponse,
  account: KeyAccount,
  ask: ImageAsk,
  ctx: ImageContext
): Promise<Outcome> {
  const usage = imageUsage(ask)
  const data = await Promise.all(
    Array.from({ length: ask.n }, async () => ({
      b64_json: (await renderImage(ask)).toString('base64')
    }))
  )
  const body = {
    created: Math.floor(ctx.options.now() / 1000),
    background: ask.background === 'transparent' ? 'transparent' : 'opaque',
    output_format: ask.format,
    quality: ask.quality === 'auto' ? 'medium' : ask.quality,
    size: `${ask.width}x${ask.height}`,
    data,
    usage
  }
  sendJson(res, 200, body, { ...imageHeaders(account), 'x-request-id': `req_${ctx.nextId()}` })
  return {
    status: 200,
    outcome: 'ok',
    promptTokens: usage.input_tokens,
    completionTokens: usage.output_tokens
  }
}

/** An input photo as the request log keeps it: which photo (its hash) was billed. */
function inputFacts(bytes: Buffer) {
  return {
    sha256: createHash('sha256').update(bytes).digest('hex'),
    width: 0,
    height: 0,
    detail: 'edit'
  }
}

export function checkModel(id: string, options: SimulatorOptions): void {
  const gone = imageModelGone(id, options.today())
  if (!findImageModel(id) || gone || options.withdrawn.includes(id)) throw modelNotFound(id)
}

/** Images per minute for this key; a key without access is told its limit is 0. */
function admit(account: KeyAccount, ask: ImageAsk): SimError | null {
  if (account.quotaExhausted) return quotaError()
  const limit = account.options.ipm ?? 50
  if (limit === 0) return ipmRefusal(0, ask.n, null)
  const waitMs = account.images.waitFor(ask.n)
  if (waitMs > 0) {
    const used = Math.round(account.images.perMinute - account.images.remaining()) + ask.n
    return ipmRefusal(limit, used, waitMs)
  }
  const tokens = imageUsage(ask).total_tokens
  const tokenWaitMs = account.imageTokens?.waitFor(tokens) ?? 0
  if (tokenWaitMs > 0) return tpmRefusal(ask.model, account.imageTokens!, tokens, tokenWaitMs)
  account.images.take(ask.n)
  account.imageTokens?.take(tokens)
  account.admitted++
  return null
}

/** A 429 on the image models' tokens per minute, worded as OpenAI's TPM refusals are. */
function tpmRefusal(
  model: string,
  bucket: KeyAccount['images'],
  requested: number,
  waitMs: number
): SimError {
  const used = Math.round(bucket.perMinute - bucket.remaining())
  return new SimError(
    429,
    'tokens',
    'rate_limit_exceeded',
    `Rate limit reached for ${model} in organization ${ORG} on tokens per min (TPM): Limit ${bucket.perMinute}, Used ${used}, Requested ${requested}. Please try again in ${formatDuration(waitMs)}.`,
    null,
    { 'retry-after': String(Math.ceil(waitMs / 1000)) }
  )
}

function ipmRefusal(limit: number, current: number, waitMs: number | null): SimError {
  const headers: Record<string, string> =
    waitMs === null ? {} : { 'retry-after': String(Math.ceil(waitMs / 1000)) }
  const retry = waitMs === null ? '' : ` Please try again in ${formatDuration(waitMs)}.`
  return new SimError(
    429,
    'requests',
    'rate_limit_exceeded',
    `Rate limit exceeded for images per minute in organization ${ORG}. Limit: ${limit}/1min. Current: ${current}/1min.${retry}`,
    null,
    headers
  )
}

function imageHeaders(account: KeyAccount): Record<string, string> {
  return {
    'x-ratelimit-limit-images': String(account.images.perMinute),
    'x-ratelimit-remaining-images': String(Math.floor(account.images.remaining())),
    'x-ratelimit-reset-images': formatDuration(account.images.resetMs())
  }
}

export function imageUsage(ask: ImageAsk) {
  const model = findImageModel(ask.model)!
  const text = Math.ceil(ask.prompt.length / 4)
  const images = ask.inputs.length * INPUT_IMAGE_TOKENS
  const out = outputImageTokens(model, ask.width, ask.height, ask.quality) * ask.n
  return {
    input_tokens: text + images,
    input_tokens_details: { text_tokens: text, image_tokens: images },
    output_tokens: out,
    output_tokens_details: { text_tokens: 0, image_tokens: out },
    total_tokens: text + images + out
  }
}

async function readEdit(req: IncomingMessage): Promise<ImageAsk> {
  const type = req.headers['content-type'] ?? ''
  if (!type.startsWith('multipart/form-data'))
    throw invalidRequest(null, 'The images/edits endpoint takes multipart/form-data.')
  const form = await new Request('http://sim/', {
    method: 'POST',
    headers: { 'content-type': type },
    body: new Uint8Array(await readBody(req))
  }).formData()
  const files = [...form.getAll('image'), ...form.getAll('image[]')].filter(
    (v) => typeof v !== 'string'
  )
  if (files.length === 0)
    throw invalidRequest(null, "Missing required parameter: 'image'.", 'image')
  if (files.length > 16)
    throw invalidRequest(null, 'At most 16 images may be edited at once.', 'image')
  const inputs = await Promise.all(
    files.map(async (file) => Buffer.from(await (file as Blob).arrayBuffer()))
  )
  const field = (name: string): string | undefined => {
    const value = form.get(name)
    return typeof value === 'string' ? value : undefined
  }
  const maskFile = form.get('mask')
  const mask =
    maskFile && typeof maskFile !== 'string'
      ? Buffer.from(await (maskFile as Blob).arrayBuffer())
      : undefined
  if (mask && !mask.subarray(0, 8).equals(PNG_SIGNATURE))
    throw invalidRequest('invalid_value', 'The mask must be a PNG with an alpha channel.', 'mask')
  return { ...askFrom(field), inputs, ...(mask ? { mask } : {}) }
}

function readGeneration(body: unknown): ImageAsk {
  const object = (body ?? {}) as Record<string, unknown>
  const field = (name: string): string | undefined =>
    object[name] === undefined ? undefined : String(object[name])
  return { ...askFrom(field), inputs: [] }
}

export function askFrom(field: (name: string) => string | undefined): Omit<ImageAsk, 'inputs'> {
  const model = field('model')
  if (!model) throw invalidRequest(null, "Missing required parameter: 'model'.", 'model')
  const prompt = field('prompt') ?? ''
  if (!prompt) throw invalidRequest(null, "Missing required parameter: 'prompt'.", 'prompt')
  const size = parseSize(field('size'))
  if (!size) throw invalidRequest('invalid_value', `Invalid size '${field('size')}'.`, 'size')
  const format = (field('output_format') ?? 'png') as ImageAsk['format']
  const background = (field('background') ?? 'auto') as ImageAsk['background']
  if (background === 'transparent' && format === 'jpeg')
    throw invalidRequest(
      'invalid_value',
      'Transparent backgrounds need png or webp output.',
      'background'
    )
  const n = Number(field('n') ?? 1)
  if (!Number.isInteger(n) || n < 1 || n > 10)
    throw invalidRequest('invalid_value', 'n must be 1–10.', 'n')
  const quality = (field('quality') ?? 'auto') as ImageAsk['quality']
  return { model, prompt, ...size, quality, background, format, n }
}
