import OpenAI from 'openai'
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
    return { kind: 'transient', message: 'The request timed out without an answer.' }
  }
  if (error instanceof OpenAI.APIConnectionError) {
    return { kind: 'transient', message: `The connection failed (${describeCause(error)}).` }
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
  const body = (error.error ?? {}) as { message?: string; code?: string | null; type?: string }
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
  if (status === 404)
    return { ...base, kind: 'config', message: `Not found (check the model and endpoint): ${text}` }
  if (status === 413 || code === 'context_length_exceeded') return { ...base, kind: 'too_large' }
  if (status === 408 || status === 409 || status >= 500)
    return { ...base, kind: 'transient', message: `The server answered ${status}: ${text}` }
  if (code && CONFIG_CODES.has(code)) return { ...base, kind: 'config' }
  return { ...base, kind: 'invalid' }
}

function classify429(
  base: Omit<RequestFailure, 'kind'>,
  body: { code?: string | null; type?: string },
  headers: Headers | undefined
): RequestFailure {
  if (BILLING_CODES.has(body.code ?? '') || BILLING_CODES.has(body.type ?? '')) {
    return {
      ...base,
      kind: 'quota',
      message: `This OpenAI account is out of credit or over its spend limit (${body.code ?? body.type}).`
    }
  }
  if (base.message.startsWith('Request too large')) return { ...base, kind: 'too_large' }
  const limit = body.type === 'requests' || body.type === 'tokens' ? body.type : undefined
  return { ...base, kind: 'rate_limit', limit, retryAfterMs: retryAfterMs(headers, base.message) }
}

function describeCause(error: Error): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause
  return cause?.code ?? cause?.message ?? error.message
}
