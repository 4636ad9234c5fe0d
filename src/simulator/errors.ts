import type { LogEntry } from './request-log'

/** An OpenAI-shaped error response: `{ error: { message, type, param, code } }` with a status. */
export class SimError extends Error {
  /** What the request log should record about the refused request (model, images, charge). */
  facts?: Partial<LogEntry>

  constructor(
    readonly status: number,
    readonly type: string,
    readonly code: string | null,
    message: string,
    readonly param: string | null = null,
    readonly headers: Record<string, string> = {}
  ) {
    super(message)
  }

  get body(): {
    error: { message: string; type: string; param: string | null; code: string | null }
  } {
    return { error: { message: this.message, type: this.type, param: this.param, code: this.code } }
  }
}

/** 400 invalid_request_error with the given code. */
export function invalidRequest(
  code: string | null,
  message: string,
  param: string | null = null
): SimError {
  return new SimError(400, 'invalid_request_error', code, message, param)
}

export const ORG = 'org-simulator'
export const RATE_LIMIT_DOCS =
  'Visit https://platform.openai.com/account/rate-limits to learn more.'

/** 429 insufficient_quota: the account has no credit left (never worth retrying). */
export function quotaError(headers: Record<string, string> = {}): SimError {
  return new SimError(
    429,
    'insufficient_quota',
    'insufficient_quota',
    'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
    null,
    headers
  )
}

/** 429 rate_limit_exceeded on requests (a storm, the Files and Batches endpoints), `retry-after: 1` or none. */
export function requestRateLimit(message: string, retryAfter = true): SimError {
  const headers: Record<string, string> = retryAfter ? { 'retry-after': '1' } : {}
  return new SimError(429, 'requests', 'rate_limit_exceeded', message, null, headers)
}
