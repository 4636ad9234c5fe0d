import { fetch as undiciFetch, ProxyAgent, type Dispatcher } from 'undici'
import type { ProxySettings } from '@shared/settings/schema'

/** How requests to the API host travel, and why: shown by "Test connection". */
export type ProxyRoute =
  | { kind: 'direct'; reason: 'no-proxy-set' | 'no-proxy-list' | 'system-direct' }
  | { kind: 'proxy'; url: string; source: 'explicit' | 'system' | 'environment' }
  | { kind: 'unsupported'; entry: string }

/** Electron's `session.resolveProxy` (a PAC-style answer); absent outside the app. */
export type SystemProxyResolver = (url: string) => Promise<string>

/**
 * The route for `target`: the explicit proxy (unless the host is in the no-proxy list), the
 * system's answer for that URL (Electron), or HTTPS_PROXY / NO_PROXY where there is no Electron.
 */
export async function proxyRouteFor(
  target: string,
  proxy: ProxySettings,
  resolveSystem: SystemProxyResolver | undefined,
  env: NodeJS.ProcessEnv
): Promise<ProxyRoute> {
  const host = new URL(target).hostname
  if (proxy.mode === 'none') return { kind: 'direct', reason: 'no-proxy-set' }
  if (proxy.mode === 'explicit') {
    if (bypasses(host, proxy.noProxy)) return { kind: 'direct', reason: 'no-proxy-list' }
    return { kind: 'proxy', url: proxy.url, source: 'explicit' }
  }
  if (resolveSystem) return fromPac(await resolveSystem(target))
  const fromEnv = env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy
  if (!fromEnv) return { kind: 'direct', reason: 'no-proxy-set' }
  if (bypasses(host, env.NO_PROXY ?? env.no_proxy ?? ''))
    return { kind: 'direct', reason: 'no-proxy-list' }
  return { kind: 'proxy', url: fromEnv, source: 'environment' }
}

/** Reads the first entry of a PAC answer: `PROXY host:port; DIRECT`. */
export function fromPac(answer: string): ProxyRoute {
  const first = answer.split(';')[0].trim()
  const [kind, hostPort] = first.split(/\s+/)
  if (!kind || kind.toUpperCase() === 'DIRECT') return { kind: 'direct', reason: 'system-direct' }
  if (kind.toUpperCase() === 'PROXY')
    return { kind: 'proxy', url: `http://${hostPort}`, source: 'system' }
  if (kind.toUpperCase() === 'HTTPS')
    return { kind: 'proxy', url: `https://${hostPort}`, source: 'system' }
  return { kind: 'unsupported', entry: first }
}

/** Whether `host` is in a no-proxy list: `*`, exact names or IPs, `.suffix` or `suffix` for subdomains. */
export function bypasses(host: string, list: string): boolean {
  const name = host.replace(/^\[|\]$/g, '').toLowerCase()
  return list
    .split(/[,\s]+/)
    .map((entry) => entry.trim().toLowerCase().replace(/:\d+$/, ''))
    .filter(Boolean)
    .some((entry) => {
      if (entry === '*') return true
      const bare = entry.replace(/^\*?\./, '')
      return name === bare || name.endsWith(`.${bare}`)
    })
}

/** A fetch through the route's proxy (with Basic credentials if given), or undefined for direct. */
export function fetchVia(
  route: ProxyRoute,
  credentials?: { username: string; password: string }
): typeof fetch | undefined {
  if (route.kind !== 'proxy') return undefined
  const token =
    credentials && credentials.username
      ? `Basic ${Buffer.from(`${credentials.username}:${credentials.password}`).toString('base64')}`
      : undefined
  const dispatcher = new ProxyAgent({ uri: route.url, token })
  const proxied = ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as string, { ...(init as object), dispatcher })) as unknown as typeof fetch
  dispatchers.set(proxied, dispatcher)
  return proxied
}

const dispatchers = new WeakMap<typeof fetch, Dispatcher>()

/** The proxy a fetch from `fetchVia` goes through (for calls made without fetch: streamed uploads). */
export function dispatcherOf(fetchFn: typeof fetch | undefined): Dispatcher | undefined {
  return fetchFn ? dispatchers.get(fetchFn) : undefined
}
