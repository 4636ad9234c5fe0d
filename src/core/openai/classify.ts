import OpenAI from 'openai'
import { findModel } from '@shared/models/catalog'
import { BILLING_CODES, type RequestFailure } from './failure'
import { readRateLimitHeaders, retryAfterMs } from './rate-headers'

const CONFIG_CODES = new Set([
  'model_not_found',
  'invalid_json_schema',
  'unsupported_parameter',
  'unsupported_value'
])

/** Turns anything a request threw into the failure the scheduler acts on. */
export function classifyError(error: unknown): RequestFailure {
  if (error instanceof OpenAI.APIUserAbortError) return { kind: 'aborted', message: 'Cancelled.' }
  if (error instanceof OpenAI.APIConnectionTimeoutError) {
    return { kind: 'timeout', message: 'The request timed out without an answer.' }
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return { kind: 'network', message: `The connection failed (${describeCause(error)}).` }
  }
  if (error instanceof OpenAI.APIError && error.status !== undefined) return classifyStatus(error)
  if (error instanceof SyntaxError)
    return { kind: 'transient', message: 'The server sent a malformed answer.' }
  return {
    kind: 'transient',
    message: `Unexpected error: ${error instanceof Error ? error.message : String(error)}`
  }
}

function classifyStatus(error: InstanceType<typeof OpenAI.APIError>): RequestFailure {
  const status = error.status as number
  const body = (error.error ?? {}) as {
    message?: string
    code?: string | null
    type?: string
    param?: string | null
  }
  const text = body.message ?? error.message
  const code = body.code ?? body.type ?? undefined
  const base = {
    status,
    code,
    message: text,
    rateLimits: error.headers ? readRateLimitHeaders(error.headers) : null
  }
  if (status === 429) return classify429(base, body, error.headers)
  if (status === 401) return { ...base, kind: 'auth', message: `The API key was refused: ${text}` }
  if (status === 403)
    return { ...base, kind: 'auth', message: `This key may not use this model or region: ${text}` }
  if (status === 404 && code === 'model_not_found')
    return { ...base, kind: 'config', message: modelNotFoundWords(text) }
  if (status === 404)
    return { ...base, kind: 'config', message: `Not found (check the model and endpoint): ${text}` }
  if (status === 413 || code === 'context_length_exceeded') return { ...base, kind: 'too_large' }
  if (status === 408 || status === 409 || status >= 500)
    return { ...base, kind: 'transient', message: `The server answered ${status}: ${text}` }
  return classifyInvalid(base, body.param, Boolean(code && CONFIG_CODES.has(code)))
}

/**
 * A 400 about the photo fails that photo; a 400 about a setting (the `param` it names is not
 * the image) can never succeed for any photo, so it stops the job with the setting named.
 */
function classifyInvalid(
  base: Omit<RequestFailure, 'kind'>,
  param: string | null | undefined,
  configCode: boolean
): RequestFailure {
  const setting = settingNamed(base.message, param)
  if (configCode && !setting) return { ...base, kind: 'config' }
  if (setting)
    return {
      ...base,
      kind: 'config',
      message: `The endpoint refused the setting "${setting}": ${base.message}`
    }
  return { ...base, kind: 'invalid' }
}

/** The request setting a 400 is about, or undefined when it is about the photo itself. */
function settingNamed(message: string, param: string | null | undefined): string | undefined {
  const unrecognized = /Unrecognized request argument supplied: (\w+)/.exec(message)
  if (unrecognized) return unrecognized[1]
  if (!param) return undefined
  if (/image_url\.detail$/.test(param)) return 'detail'
  return /image|messages|content/i.test(param) ? undefined : param
}

function classify429(
  given: Omit<RequestFailure, 'kind'>,
  body: { code?: string | null; type?: string },
  headers: Headers | undefined
): RequestFailure {
  let base = given
  if (BILLING_CODES.has(body.code ?? '') || BILLING_CODES.has(body.type ?? '')) {
    return {
      ...base,
      kind: 'quota',
      message: `This OpenAI account is out of credit or over its spend limit (${body.code ?? body.type}).`
    }
  }
  const requested = /\bRequested (\d+)\b/.exec(base.message)
  if (requested) base = { ...base, requestedTokens: Number(requested[1]) }
  if (base.message.startsWith('Request too large')) return { ...base, kind: 'too_large' }
  if (body.code === 'resource_unavailable' || body.type === 'resource_unavailable')
    return {
      ...base,
      kind: 'flex_unavailable',
      retryAfterMs: retryAfterMs(headers, base.message),
      message: 'Flex processing had no capacity for this request (not billed).'
    }
  const daily = /per day \((RPD|TPD)\)/.exec(base.message)
  if (daily) {
    const wait = retryAfterMs(undefined, base.message)
    const what = daily[1] === 'RPD' ? 'requests per day' : 'tokens per day'
    const when = wait === undefined ? 'once it resets' : `in ${formatWait(wait)}`
    return {
      ...base,
      kind: 'daily_limit',
      retryAfterMs: wait,
      message: `This key's daily limit (${what}) is used up. Resume ${when} — nothing is lost.`
    }
  }
  const limit = body.type === 'requests' || body.type === 'tokens' ? body.type : undefined
  return { ...base, kind: 'rate_limit', limit, retryAfterMs: retryAfterMs(headers, base.message) }
}

function formatWait(ms: number): string {
  const minutes = Math.ceil(ms / 60_000)
  return minutes < 60 ? `${minutes} min` : `${Math.floor(minutes / 60)} h ${minutes % 60} min`
}

function describeCause(error: Error): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? error.message
}

/**
 * A model switched off (or never served) mid-run: the job stops, resumable, and the words name the
 * model OpenAI replaces it with when the catalog knows one.
 */
function modelNotFoundWords(text: string): string {
  const id = /model `([^`]+)`/.exec(text)?.[1]
  const replacement = id ? findModel(id)?.replacement : undefined
  const switchTo = replacement ? ` Switch to ${replacement} and resume.` : ''
  return `The endpoint no longer serves ${id ?? 'this model'} (404 model_not_found).${switchTo} ${text}`
}
