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
export function resumeEndpointProblem(recorded: EndpointRef, current: EndpointRef): string | null {
  if (endpointId(recorded) === endpointId(current)) return null
  const fix =
    recorded.kind === 'demo'
      ? 'add --demo to resume it with the simulator'
      : recorded.kind === 'openai'
        ? 'unset OPENAI_BASE_URL (and do not add --demo) to resume it on OpenAI'
        : `set OPENAI_BASE_URL=${recorded.baseURL} (without --demo) to resume it there`
  return `this job ran on ${describeEndpoint(recorded)}, not ${describeEndpoint(current)}: ${fix}${recorded.kind === 'demo' || current.kind === 'demo' ? '' : ', or add --move-endpoint to move it there'}.`
}

/**
 * Refuses to send a key in clear: plain HTTP is allowed only to this machine (a local model
 * server). Returns the reason, or null when the URL is safe for a key.
 */
export function insecureKeyTransport(baseURL: string): string | null {
  let url: URL
  try {
    url = new URL(baseURL)
  } catch {
    return `"${baseURL}" is not a URL (expected e.g. https://api.example.com/v1).`
  }
  if (url.username || url.password)
    return `the URL holds a user name or password; remove them (the API key is sent on its own).`
  if (url.protocol === 'https:') return null
  if (url.protocol !== 'http:')
    return `"${baseURL}" must start with https:// (or http:// for this machine).`
  if (isLoopbackHost(url.hostname)) return null
  return `"${baseURL}" uses plain HTTP to another machine, so the API key would travel unencrypted. Use https://, or leave the key empty for a local server that needs none.`
}

/** True for 127.0.0.0/8, ::1 and localhost. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase()
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host)
}

function normalizeBaseURL(baseURL: string): string {
  return baseURL.trim().replace(/\/+$/, '')
}
