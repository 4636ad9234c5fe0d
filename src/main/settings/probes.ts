import { findModel, REASONING_TOKENS, reasoningEffortOf } from '@shared/models/catalog'
import { countPromptTextTokens } from '@shared/models/prompt-tokens'
import type { ConnectionTest, KeyTest } from '@shared/settings/probes'
import { redactSecrets } from '@shared/redact'
import {
  createOpenAITransport,
  resolvePrices,
  tokenCost,
  type ChatBody,
  type EndpointConfig,
  type ProxyRoute
} from '../../core'

const PROBE_TEXT = 'Reply with the word OK.'
const PROBE_TIMEOUT_MS = 15_000

/** The one request "Test key" sends: a few tokens of text, no image. */
export function probeBody(model: string): ChatBody {
  const info = findModel(model)
  const effort = reasoningEffortOf(info)
  const body: ChatBody = {
    model,
    messages: [{ role: 'user', content: PROBE_TEXT }],
    max_completion_tokens: 8 + REASONING_TOKENS[effort].allowance
  }
  if (info?.reasoning) body.reasoning_effort = effort
  return body
}

/** What the test request costs at most, shown before it is sent (null: no price known). */
export function probeCostUsd(model: string): number | null {
  const prices = resolvePrices(model)
  if (!prices) return null
  const body = probeBody(model)
  const input = countPromptTextTokens([[PROBE_TEXT]])
  return tokenCost(prices, input, body.max_completion_tokens ?? 8)
}

/**
 * Sends the probe with one key and reads what came back: valid or why not, and the limits the
 * `x-ratelimit-limit-*` headers report for the model (a 429 still shows the key works).
 */
export async function testKey(
  endpoint: EndpointConfig,
  apiKey: string,
  model: string
): Promise<KeyTest> {
  const transport = createOpenAITransport(endpoint, new Map([['probe', apiKey]]))
  const started = Date.now()
  const result = await transport.send('probe', probeBody(model), {
    signal: new AbortController().signal,
    timeoutMs: PROBE_TIMEOUT_MS
  })
  const latencyMs = Date.now() - started
  const report = result.ok ? result.rateLimits : (result.failure.rateLimits ?? null)
  const limits = { rpm: report?.limitRequests ?? null, tpm: report?.limitTokens ?? null }
  if (result.ok || result.failure.kind === 'rate_limit')
    return { outcome: 'valid', model, latencyMs, ...limits }
  const { kind, code, status, message } = result.failure
  const outcome =
    kind === 'auth' && status === 401
      ? 'invalid'
      : kind === 'quota'
        ? 'quota'
        : kind === 'auth' || code === 'model_not_found' || status === 404
          ? 'noModel'
          : kind === 'network' || kind === 'timeout'
            ? 'unreachable'
            : 'error'
  return { outcome, model, latencyMs, ...limits, message: redactSecrets(message, [apiKey]) }
}

/**
 * "Test connection": one free GET of the model list along the route the app would take, and
 * where it failed — the name lookup, the connection, TLS, the proxy (or its password), the key.
 */
export async function testConnection(
  url: string,
  headers: Record<string, string>,
  route: ProxyRoute,
  fetchFn: typeof fetch,
  secrets: readonly string[]
): Promise<ConnectionTest> {
  const started = Date.now()
  const routeView = describeRoute(route)
  if (route.kind === 'unsupported')
    return { outcome: 'proxyUnsupported', route: routeView, latencyMs: 0, detail: route.entry }
  try {
    const response = await fetchFn(url, { headers, signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
    await response.body?.cancel()
    const latencyMs = Date.now() - started
    const outcome = response.ok
      ? 'ok'
      : response.status === 401
        ? 'auth'
        : response.status === 407
          ? 'proxyAuth'
          : response.status === 404
            ? 'notFound'
            : 'http'
    return { outcome, route: routeView, latencyMs, status: response.status }
  } catch (error) {
    const { outcome, detail } = networkFailure(error)
    return {
      outcome,
      route: routeView,
      latencyMs: Date.now() - started,
      detail: redactSecrets(detail, secrets)
    }
  }
}

function describeRoute(route: ProxyRoute): ConnectionTest['route'] {
  if (route.kind === 'proxy')
    return { kind: 'proxy', proxy: safeProxyUrl(route.url), source: route.source }
  if (route.kind === 'direct') return { kind: 'direct', reason: route.reason }
  return { kind: 'direct', reason: 'system-direct' }
}

/** A proxy URL without any credentials written into it. */
function safeProxyUrl(url: string): string {
  try {
    const parsed = new URL(url)
    parsed.username = ''
    parsed.password = ''
    return parsed.toString().replace(/\/$/, '')
  } catch {
    return url
  }
}

/** Where a fetch failed, from the error and its causes' codes. */
export function networkFailure(error: unknown): {
  outcome: ConnectionTest['outcome']
  detail: string
} {
  const chain: { code?: string; message?: string }[] = []
  for (
    let e = error as { cause?: unknown } | undefined;
    e && chain.length < 5;
    e = e.cause as typeof e
  )
    chain.push(e as { code?: string; message?: string })
  const codes = chain.map((e) => e.code ?? '').join(' ')
  const text = chain.map((e) => e.message ?? '').join(' · ')
  if (/\(407\)/.test(text)) return { outcome: 'proxyAuth', detail: text }
  if (/Proxy response|HTTP Tunneling/i.test(text)) return { outcome: 'proxy', detail: text }
  if (/ENOTFOUND|EAI_AGAIN/.test(codes)) return { outcome: 'dns', detail: text }
  if (/CERT|SELF_SIGNED|TLS|SSL|DEPTH_ZERO/.test(codes) || /certificate|TLS|SSL/i.test(text))
    return { outcome: 'tls', detail: text }
  if (/ECONNREFUSED|ECONNRESET|EHOSTUNREACH|ENETUNREACH/.test(codes))
    return { outcome: 'refused', detail: text }
  if (/TIMEOUT|ETIMEDOUT|AbortError|TimeoutError/i.test(`${codes} ${text} ${String(error)}`))
    return { outcome: 'timeout', detail: text }
  return { outcome: 'network', detail: text || String(error) }
}
