import { parseDuration } from '@shared/ratelimit/duration'

/** What a response's `x-ratelimit-*` headers said; each field absent when the header was. */
export interface RateLimitReport {
  limitRequests?: number
  limitTokens?: number
  remainingRequests?: number
  remainingTokens?: number
  resetRequestsMs?: number
  resetTokensMs?: number
}

/** Anything with a case-insensitive `get` (fetch Headers). */
export interface HeaderSource {
  get(name: string): string | null
}

function numberHeader(headers: HeaderSource, name: string): number | undefined {
  const raw = headers.get(name)
  if (raw === null || raw.trim() === '') return undefined
  const value = Number(raw)
  return Number.isFinite(value) && value >= 0 ? value : undefined
}

function durationHeader(headers: HeaderSource, name: string): number | undefined {
  const raw = headers.get(name)
  return raw === null ? undefined : (parseDuration(raw) ?? undefined)
}

/** Reads the rate-limit headers, or null when the server sent none (local servers). */
export function readRateLimitHeaders(headers: HeaderSource): RateLimitReport | null {
  const report: RateLimitReport = {
    limitRequests: numberHeader(headers, 'x-ratelimit-limit-requests'),
    limitTokens: numberHeader(headers, 'x-ratelimit-limit-tokens'),
    remainingRequests: numberHeader(headers, 'x-ratelimit-remaining-requests'),
    remainingTokens: numberHeader(headers, 'x-ratelimit-remaining-tokens'),
    resetRequestsMs: durationHeader(headers, 'x-ratelimit-reset-requests'),
    resetTokensMs: durationHeader(headers, 'x-ratelimit-reset-tokens')
  }
  // A project-scoped token limit, where one applies, binds as well: the tighter of the two wins.
  report.limitTokens = tighter(
    report.limitTokens,
    numberHeader(headers, 'x-ratelimit-limit-project-tokens')
  )
  report.remainingTokens = tighter(
    report.remainingTokens,
    numberHeader(headers, 'x-ratelimit-remaining-project-tokens')
  )
  return Object.values(report).some((v) => v !== undefined) ? report : null
}

function tighter(a: number | undefined, b: number | undefined): number | undefined {
  return a === undefined ? b : b === undefined ? a : Math.min(a, b)
}

/**
 * How long a 429 asks us to wait: `retry-after-ms`, then `retry-after` (seconds), then the
 * "Please try again in 1.5s" (or "try again after 51.84 seconds", as the image endpoints say) of
 * the message; undefined when none says.
 */
export function retryAfterMs(
  headers: HeaderSource | undefined,
  message: string
): number | undefined {
  const ms = headers ? numberHeader(headers, 'retry-after-ms') : undefined
  if (ms !== undefined) return ms
  const header = headers ? numberHeader(headers, 'retry-after') : undefined
  if (header !== undefined) return header * 1000
  const match = /try again in ([\d.hms]+)/i.exec(message)
  if (match) return parseDuration(match[1].replace(/\.$/, '')) ?? undefined
  const seconds = /try again after ([\d.]+) seconds/i.exec(message)
  return seconds ? Number(seconds[1]) * 1000 : undefined
}
