import { findModel } from '@shared/models/catalog'
import { batchQueueLimit, tierLimits } from '@shared/models/tiers'
import {
  endpointFor,
  endpointId,
  insecureKeyTransport,
  type AzureEndpoint,
  type ConnectionKey,
  type EndpointRef
} from '../../core'
import { PROVIDERS } from '@shared/settings/providers'
import { type KeyRecord, type Settings } from '@shared/settings/schema'
import { AppError, ErrorCodes } from '@shared/errors'

/** One key a job may use for a model, with the limits Settings give it (none: the catalog's). */
export type PlannedKey = ConnectionKey

/** A local server takes no key; the SDK still needs one to send, and this one means nothing. */
export const NO_KEY = 'no-key-needed'

/** Where requests go with the provider in Settings: the recorded endpoint and the transport's view. */
export interface ProviderPlan {
  endpoint: EndpointRef
  baseURL?: string
  azure?: AzureEndpoint
  defaultHeaders?: Record<string, string>
}

/**
 * The settings a job uses: Settings as saved, except that while they hold no key and the
 * provider is OpenAI, the environment's OPENAI_API_KEY goes to OPENAI_BASE_URL when set (the
 * CLI's way: an OpenAI gateway, priced as OpenAI), so a key in the environment works the same.
 */
export function withEnvironment(settings: Settings, env: NodeJS.ProcessEnv): Settings {
  const baseURL = env.OPENAI_BASE_URL?.trim()
  if (!baseURL || settings.keys.length > 0 || !env.OPENAI_API_KEY) return settings
  if (settings.provider.preset !== 'openai') return settings
  return { ...settings, provider: { ...settings.provider, baseURL } }
}

export function providerPlan(settings: Settings): ProviderPlan {
  const provider = settings.provider
  if (provider.preset === 'azure') {
    const endpoint = provider.azure.endpoint.replace(/\/+$/, '')
    return {
      endpoint: { kind: 'compatible', baseURL: `${endpoint}/openai` },
      azure: { ...provider.azure, endpoint }
    }
  }
  // OpenAI's own URL unless a gateway for it is set (OPENAI_BASE_URL, see `withEnvironment`).
  const baseURL =
    provider.preset === 'openai'
      ? provider.baseURL || undefined
      : provider.baseURL || PROVIDERS[provider.preset].baseURL
  const headers: Record<string, string> = {}
  if (provider.preset === 'openai' && provider.organization)
    headers['OpenAI-Organization'] = provider.organization
  if (provider.preset === 'openai' && provider.project) headers['OpenAI-Project'] = provider.project
  return {
    endpoint: endpointFor(baseURL),
    baseURL,
    defaultHeaders: Object.keys(headers).length > 0 ? headers : undefined
  }
}

/** The URL a request to the provider goes to first (for the proxy decision and the key check). */
export function providerUrl(plan: ProviderPlan): string {
  return plan.azure?.endpoint ?? plan.baseURL ?? 'https://api.openai.com/v1'
}

/** How the estimate prices a model here: the user's price, the catalog's, free, or unknown. */
export function pricingFor(
  settings: Settings,
  model: string
): 'override' | 'catalog' | 'free' | 'unknown' {
  if (settings.prices[model]) return 'override'
  const provider = PROVIDERS[settings.provider.preset]
  if (provider.local && settings.provider.free) return 'free'
  if (provider.prices === 'catalog' && findModel(model)) return 'catalog'
  return 'unknown'
}

/** The identity of the endpoint Settings send to: what a key saved now is bound to. */
export function settingsEndpointId(settings: Settings): string {
  return endpointId(providerPlan(settings).endpoint)
}

/** The saved keys that may go to the endpoint Settings send to now (each only where it was saved for). */
export function keysForEndpoint(settings: Settings): KeyRecord[] {
  const here = settingsEndpointId(settings)
  return settings.keys.filter((k) => (k.endpoint ?? here) === here)
}

/**
 * A key's limits for a model from Settings: a tier preset, typed numbers, or what headers said —
 * which is also what counts when nothing was chosen and a key test or a run heard the server.
 */
export function keyLimits(
  record: KeyRecord,
  model: string
): { rpm?: number; tpm?: number; batchQueueTokens?: number; from?: 'reported' } {
  const limits = record.limits[model] ?? { source: 'headers' }
  if (limits.source === 'custom')
    return { rpm: limits.rpm, tpm: limits.tpm, batchQueueTokens: limits.batchQueue }
  if (limits.source === 'tier') {
    const tier = limits.tier ?? 1
    const queue = batchQueueLimit(model, tier) ?? undefined
    return { ...(tierLimits(model, tier) ?? {}), batchQueueTokens: queue }
  }
  const reported = record.reported[model]
  if (!reported?.rpm && !reported?.tpm) return {}
  return { rpm: reported.rpm, tpm: reported.tpm, from: 'reported' }
}

/**
 * The keys a job on `model` uses: those allowed the model whose secret is at hand; else the
 * environment's key; else, for a local server, none. Refused, by code, when nothing fits.
 */
export function plannedKeys(
  settings: Settings,
  model: string,
  secret: (id: string) => string | undefined,
  environmentKey: string | undefined
): PlannedKey[] {
  const here = keysForEndpoint(settings)
  const allowed = here.filter((k) => k.models.length === 0 || k.models.includes(model))
  const keys = allowed.flatMap((record) => {
    const apiKey = secret(record.id)
    return apiKey
      ? [{ id: record.id, label: record.label, apiKey, ...keyLimits(record, model) }]
      : []
  })
  if (keys.length > 0) return keys
  if (settings.keys.length === 0 && environmentKey)
    return [{ id: 'env', label: 'OPENAI_API_KEY', apiKey: environmentKey }]
  if (!PROVIDERS[settings.provider.preset].needsKey)
    return [{ id: 'local', label: 'Local', apiKey: NO_KEY }]
  if (settings.keys.length > 0 && here.length === 0)
    throw new AppError(ErrorCodes.noKey, { code: 'keysOtherEndpoint', field: 'keys' })
  if (allowed.length < here.length && allowed.length === 0)
    throw new AppError(ErrorCodes.noKey, {
      code: 'noKeyForModel',
      field: 'keys',
      params: { n: model }
    })
  throw new AppError(ErrorCodes.noKey, {
    code: settings.keys.length ? 'keysNotAtHand' : 'noKey',
    field: 'keys'
  })
}

/** Refuses a plan that would send a real key in clear to another machine. */
export function checkKeyTransport(plan: ProviderPlan, keys: readonly PlannedKey[]): void {
  if (keys.every((k) => k.apiKey === NO_KEY)) return
  const insecure = insecureKeyTransport(providerUrl(plan))
  if (insecure) throw new AppError(ErrorCodes.refused, { ...insecure, field: 'provider.baseURL' })
}
