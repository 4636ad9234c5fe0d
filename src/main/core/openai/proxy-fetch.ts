import { EnvHttpProxyAgent, fetch as undiciFetch } from 'undici'

/**
 * A fetch that honours HTTPS_PROXY / HTTP_PROXY / NO_PROXY (Node 20's own fetch ignores them),
 * or undefined when no proxy is set, so the SDK keeps its default.
 */
export function proxyAwareFetch(env: NodeJS.ProcessEnv): typeof fetch | undefined {
  const proxy = env.HTTPS_PROXY ?? env.https_proxy ?? env.HTTP_PROXY ?? env.http_proxy
  if (!proxy) return undefined
  const dispatcher = new EnvHttpProxyAgent()
  return ((input: Parameters<typeof fetch>[0], init?: RequestInit) =>
    undiciFetch(input as string, { ...(init as object), dispatcher })) as unknown as typeof fetch
}
