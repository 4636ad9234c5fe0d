import OpenAI from 'openai'
import { describe, expect, it } from 'vitest'
import { classifyError } from '../../../src/core/openai/classify'
import { readRateLimitHeaders, retryAfterMs } from '../../../src/core/openai/rate-headers'

const apiError = (
  status: number,
  error: Record<string, unknown>,
  headers: Record<string, string> = {}
): Error => OpenAI.APIError.generate(status, { error }, undefined, new Headers(headers))

describe('classifyError', () => {
  it('treats rate_limit_exceeded as a wait, with the hinted delay and limit', () => {
    const failure = classifyError(
      apiError(
        429,
        {
          type: 'tokens',
          code: 'rate_limit_exceeded',
          message: 'Rate limit reached … Please try again in 1.146s.'
        },
        { 'retry-after-ms': '1146' }
      )
    )
    expect(failure).toMatchObject({ kind: 'rate_limit', limit: 'tokens', retryAfterMs: 1146 })
  })

  it.each([
    'insufficient_quota',
    'credit_balance_exhausted',
    'organization_spend_limit_exceeded',
    'project_spend_limit_exceeded',
    'organization_usage_limit_exceeded'
  ])('stops on billing code %s', (code) => {
    expect(
      classifyError(apiError(429, { type: 'insufficient_quota', code, message: 'billing' })).kind
    ).toBe('quota')
  })

  it('fails "Request too large" without retrying', () => {
    expect(
      classifyError(
        apiError(429, {
          type: 'tokens',
          code: 'rate_limit_exceeded',
          message: 'Request too large for gpt-4o …'
        })
      ).kind
    ).toBe('too_large')
  })

  it.each([
    [401, 'auth'],
    [403, 'auth'],
    [404, 'config'],
    [408, 'transient'],
    [409, 'transient'],
    [500, 'transient'],
    [502, 'transient'],
    [503, 'transient']
  ])('maps HTTP %d to %s', (status, kind) => {
    expect(classifyError(apiError(status, { message: 'x' })).kind).toBe(kind)
  })

  it('fails invalid images and stops on unsupported parameters', () => {
    expect(
      classifyError(apiError(400, { code: 'invalid_image_format', message: 'unsupported image' }))
        .kind
    ).toBe('invalid')
    expect(
      classifyError(apiError(400, { code: 'unsupported_parameter', message: 'max_tokens' })).kind
    ).toBe('config')
  })

  it('tells timeouts, network failures and malformed bodies apart; reports user aborts', () => {
    expect(classifyError(new OpenAI.APIConnectionTimeoutError()).kind).toBe('timeout')
    expect(
      classifyError(
        new OpenAI.APIConnectionError({
          cause: Object.assign(new Error('socket'), { code: 'ECONNRESET' })
        })
      )
    ).toMatchObject({ kind: 'network', message: 'The connection failed (ECONNRESET).' })
    expect(classifyError(new SyntaxError('Unexpected end of JSON input')).kind).toBe('transient')
    expect(classifyError(new OpenAI.APIUserAbortError()).kind).toBe('aborted')
  })
})

describe('rate-limit headers', () => {
  it('reads limits, remaining and Go-style resets', () => {
    const headers = new Headers({
      'x-ratelimit-limit-requests': '500',
      'x-ratelimit-remaining-tokens': '29000',
      'x-ratelimit-reset-tokens': '6m0s',
      'x-ratelimit-reset-requests': '120ms'
    })
    expect(readRateLimitHeaders(headers)).toEqual({
      limitRequests: 500,
      remainingTokens: 29000,
      resetTokensMs: 360_000,
      resetRequestsMs: 120,
      limitTokens: undefined,
      remainingRequests: undefined
    })
  })

  it('returns null without headers, and ignores garbage', () => {
    expect(readRateLimitHeaders(new Headers())).toBeNull()
    expect(readRateLimitHeaders(new Headers({ 'x-ratelimit-limit-requests': 'lots' }))).toBeNull()
  })

  it('prefers retry-after-ms, then retry-after, then the message', () => {
    expect(retryAfterMs(new Headers({ 'retry-after-ms': '250', 'retry-after': '9' }), '')).toBe(250)
    expect(retryAfterMs(new Headers({ 'retry-after': '2' }), '')).toBe(2000)
    expect(retryAfterMs(new Headers(), 'Please try again in 1m26.4s. Visit …')).toBe(86_400)
    expect(
      retryAfterMs(
        new Headers(),
        "You've exceeded the rate limit, please slow down and try again after 51.84 seconds."
      )
    ).toBe(51_840)
    expect(retryAfterMs(new Headers(), 'Slow down')).toBeUndefined()
  })
})
