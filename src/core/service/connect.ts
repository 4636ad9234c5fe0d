import type { ProxySettings } from '@shared/settings/schema'
import type { Problem } from '@shared/problem'
import { OPENAI_BASE_URL, insecureKeyTransport, type EndpointRef } from '../openai/endpoint'
import { fetchVia, proxyRouteFor, type SystemProxyResolver } from '../openai/proxy-route'
import type { AzureEndpoint } from '../openai/transport'
import type { Connection, ConnectionKey } from './connection'

/** What a connection is made of: where, with which keys, through which proxy. */
export interface ConnectRequest {
  endpoint: EndpointRef
  /** The URL requests go to (OpenAI's when absent); for Azure, its resource endpoint. */
  baseURL?: string
  azure?: AzureEndpoint
  defaultHeaders?: Record<string, string>
  keys: ConnectionKey[]
  /** Keys that are no secret (a local server's placeholder) may travel over plain HTTP. */
  keyless?: boolean
  maxConcurrency?: number
  proxy: ProxySettings
  proxyCredentials?: { username: string; password: string }
  resolveSystemProxy?: SystemProxyResolver
  env?: NodeJS.ProcessEnv
}

/** A connection the engine refuses to make: a key would travel where it must not. */
export class ConnectRefused extends Error {
  constructor(readonly problem: Problem & { field: string }) {
    super(problem.code)
    this.name = 'ConnectRefused'
  }
}

/**
 * The one place a key meets an endpoint, for the CLI and the window alike: a key goes over
 * HTTPS, or plain HTTP to this machine only, never with credentials in the URL; then the proxy
 * settings decide the route. Nothing is sent here.
 */
export async function connect(request: ConnectRequest): Promise<Connection> {
  const url = request.azure?.endpoint ?? request.baseURL ?? OPENAI_BASE_URL
  const insecure = insecureKeyTransport(url)
  if (insecure && !request.keyless) throw new ConnectRefused({ ...insecure, field: 'baseURL' })
  const route = await proxyRouteFor(
    url,
    request.proxy,
    request.resolveSystemProxy,
    request.env ?? {}
  )
  const { endpoint, baseURL, azure, defaultHeaders, keys, maxConcurrency } = request
  return {
    endpoint,
    baseURL,
    keys,
    ...(azure ? { azure } : {}),
    ...(defaultHeaders ? { defaultHeaders } : {}),
    ...(maxConcurrency !== undefined ? { maxConcurrency } : {}),
    fetch: fetchVia(route, request.proxyCredentials)
  }
}
