import type { Problem } from '@shared/problem'
/**
 * Which API a job talks to. A job records it when created; a resume must go to the same one, and
 * the result cache keeps answers apart by it, so no endpoint's answers are served as another's.
 */
export type EndpointRef =
  | { kind: 'openai' }
  | { kind: 'compatible'; baseURL: string }
  /** The built-in simulator: its answers are invented and never cached. */
  | { kind: 'demo' }

export const OPENAI_BASE_URL = 'https://api.openai.com/v1'

/** The endpoint for a base URL given by the user (none, or OpenAI's own, is OpenAI). */
export function endpointFor(baseURL: string | undefined): EndpointRef {
  const normal = baseURL ? normalizeBaseURL(baseURL) : undefined
  return !normal || normal === OPENAI_BASE_URL
    ? { kind: 'openai' }
    : { kind: 'compatible', baseURL: normal }
}

/** A stable identity for caches and comparisons. */
export function endpointId(endpoint: EndpointRef): string {
  return endpoint.kind === 'compatible' ? `compatible:${endpoint.baseURL}` : endpoint.kind
}

/** In words, for messages. */
export function describeEndpoint(endpoint: EndpointRef): string {
  if (endpoint.kind === 'openai') return `OpenAI (${OPENAI_BASE_URL})`
  if (endpoint.kind === 'demo') return 'the built-in demo simulator'
  return endpoint.baseURL
}

/**
 * Why a job may not be resumed on `current`, naming what to change; null when it may. Where a
 * key goes always comes from the current settings, never from a job's files.
 */
export function resumeEndpointProblem(recorded: EndpointRef, current: EndpointRef): Problem | null {
  if (endpointId(recorded) === endpointId(current)) return null
  const movable = recorded.kind !== 'demo' && current.kind !== 'demo'
  return {
    code: 'resumeElsewhere',
    field: 'endpoint',
    params: {
      from: describeEndpoint(recorded),
      to: describeEndpoint(current),
      kind: recorded.kind,
      baseURL: recorded.kind === 'compatible' ? recorded.baseURL : '',
      movable: movable ? 'yes' : 'no'
    }
  }
}

/**
 * Refuses to send a key in clear: plain HTTP is allowed only to this machine (a local model
 * server). Returns the reason, or null when the URL is safe for a key.
 */
export function insecureKeyTransport(baseURL: string): Problem | null {
  let url: URL
  try {
    url = new URL(baseURL)
  } catch {
    return { code: 'urlInvalid', params: { n: baseURL } }
  }
  if (url.username || url.password) return { code: 'urlCredentials' }
  if (url.protocol === 'https:') return null
  if (url.protocol !== 'http:') return { code: 'urlScheme', params: { n: baseURL } }
  if (isLoopbackHost(url.hostname)) return null
  return { code: 'plainHttpKey', params: { n: baseURL } }
}

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
}

function normalizeBaseURL(baseURL: string): string {
  return baseURL.trim().replace(/\/+$/, '')
}
