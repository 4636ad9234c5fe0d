import OpenAI, { AzureOpenAI } from 'openai'
import type {
  ChatCompletion,
  ChatCompletionCreateParamsNonStreaming
} from 'openai/resources/chat/completions'
import { redactSecrets } from '@shared/redact'
import { classifyError } from './classify'
import type { RequestFailure } from './failure'
import { readRateLimitHeaders, type RateLimitReport } from './rate-headers'

export type ChatBody = ChatCompletionCreateParamsNonStreaming

/** An answer, with the rate-limit headers that came with it. */
export type TransportResult =
  | { ok: true; completion: ChatCompletion; rateLimits: RateLimitReport | null }
  | { ok: false; failure: RequestFailure }

/** Sends one chat request with one key; the scheduler owns every retry. */
export interface ChatTransport {
  send(
    keyId: string,
    body: ChatBody,
    options: { signal: AbortSignal; timeoutMs: number }
  ): Promise<TransportResult>
}

/** Where requests go: OpenAI by default, or any compatible base URL. */
export interface EndpointConfig {
  baseURL?: string
  /** A fetch to use instead of the global one (e.g. with a proxy agent). */
  fetch?: typeof fetch
  defaultHeaders?: Record<string, string>
  /** Azure OpenAI: the resource, its API version, and the deployment serving each model. */
  azure?: AzureEndpoint
}

export interface AzureEndpoint {
  /** `https://<resource>.openai.azure.com` */
  endpoint: string
  apiVersion: string
  deployments: Record<string, string>
}

/**
 * The real transport: the openai SDK with `maxRetries: 0` and `.withResponse()`, one client per
 * key. Keys stay in here; everything outside knows only key ids.
 */
export function createOpenAITransport(
  endpoint: EndpointConfig,
  keys: ReadonlyMap<string, string>
): ChatTransport {
  const clientFor = clientCache(endpoint, keys)
  const secrets = [...keys.values()]
  return {
    async send(keyId, body, { signal, timeoutMs }) {
      const deadline = wholeExchangeDeadline(signal, timeoutMs)
      try {
        const { data, response } = await clientFor(keyId, body.model)
          .chat.completions.create(body, {
            signal: deadline.signal,
            timeout: timeoutMs,
            maxRetries: 0
          })
          .withResponse()
        if (!Array.isArray(data?.choices) || data.choices.length === 0)
          return failed('transient', 'The server sent an answer without choices.')
        return { ok: true, completion: data, rateLimits: readRateLimitHeaders(response.headers) }
      } catch (error) {
        if (deadline.timedOut() && !signal.aborted)
          return failed('timeout', 'The request timed out without a whole answer.')
        const failure = classifyError(error)
        // Server messages can echo a key, and Node's Headers puts a malformed one in its error.
        return {
          ok: false,
          failure: { ...failure, message: redactSecrets(failure.message, secrets) }
        }
      } finally {
        deadline.clear()
      }
    }
  }
}

function failed(kind: RequestFailure['kind'], message: string): TransportResult {
  return { ok: false, failure: { kind, message } }
}

/**
 * One SDK client per key (per key and deployment on Azure, whose URL names the deployment and
 * whose key goes in an `api-key` header), made on first use.
 */
export function clientCache(
  endpoint: EndpointConfig,
  keys: ReadonlyMap<string, string>
): (keyId: string, model: string) => OpenAI {
  const clients = new Map<string, OpenAI>()
  return (keyId, model) => {
    const azure = endpoint.azure
    const deployment = azure ? (azure.deployments[model] ?? model) : undefined
    const cacheKey = deployment ? `${keyId}\n${deployment}` : keyId
    const existing = clients.get(cacheKey)
    if (existing) return existing
    const apiKey = keys.get(keyId)
    if (!apiKey) throw new Error(`No API key with id ${keyId}`)
    const common = {
      apiKey,
      fetch: endpoint.fetch,
      defaultHeaders: endpoint.defaultHeaders,
      maxRetries: 0
    }
    const client = azure
      ? new AzureOpenAI({
          ...common,
          endpoint: azure.endpoint,
          apiVersion: azure.apiVersion,
          deployment
        })
      : new OpenAI({ ...common, baseURL: endpoint.baseURL })
    clients.set(cacheKey, client)
    return client
  }
}

/**
 * One deadline for the whole exchange, headers and body: the SDK's own timer stops once headers
 * arrive, so a body that stalls after them would otherwise hold its slot for minutes. It also
 * follows the caller's cancel.
 */
function wholeExchangeDeadline(
  cancel: AbortSignal,
  timeoutMs: number
): { signal: AbortSignal; timedOut: () => boolean; clear: () => void } {
  const controller = new AbortController()
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    controller.abort()
  }, timeoutMs)
  const follow = (): void => controller.abort()
  cancel.addEventListener('abort', follow, { once: true })
  return {
    signal: controller.signal,
    timedOut: () => timedOut,
    clear: () => {
      clearTimeout(timer)
      cancel.removeEventListener('abort', follow)
    }
  }
}
