import { AppError, ErrorCodes } from '@shared/errors'
import { modelLife } from '@shared/models/lifecycle'
import type { Problem } from '@shared/problem'
import { maskSecret } from '@shared/redact'
import type { ModelPrices } from '@shared/models/catalog'
import {
  ConnectRefused,
  ModelListings,
  connect,
  modelNote,
  todayFrom,
  fetchVia,
  proxyRouteFor,
  type Connection,
  type EndpointRef,
  type KeyEstimateLimits,
  type ProxyRoute,
  type SystemProxyResolver
} from '../../core'
import { type Settings } from '@shared/settings/schema'
import type { ConnectionTest, KeyTest } from '@shared/settings/probes'
import {
  NO_KEY,
  checkKeyTransport,
  keysForEndpoint,
  plannedKeys,
  pricingFor,
  providerPlan,
  providerUrl,
  withEnvironment,
  type ProviderPlan
} from '../settings/connection-plan'
import { testConnection, testKey } from '../settings/probes'
import type { SettingsService } from '../settings/settings-service'
import type { Simulator } from '../../simulator/server'

/** The demo's simulator limits and the (too high) limits the scheduler is told, as a wrong tier would. */
export interface DemoSetup {
  start(): Promise<Simulator>
  key: string
  limits: { rpm: number; tpm: number }
}

const FREE_PRICES: ModelPrices = {
  input: 0,
  output: 0,
  cachedInput: 0,
  batchInput: 0,
  batchOutput: 0
}

/** What the window may know about where jobs go: never a key, only labels and hints. */
export interface ConnectionInfo {
  hasKey: boolean
  keyLabel?: string
  endpoint: string
}

/**
 * Where the window's jobs send: the provider, keys and proxy in Settings (or OPENAI_API_KEY when
 * Settings hold no key), or the demo's simulator started in this process on loopback. Secrets
 * stay here and in the transport.
 */
export class ConnectionSource {
  private simulator: Promise<Simulator> | null = null
  /** Endpoints' own model lists (an hour each): Test key's, and the window's engine's too. */
  readonly listings = new ModelListings()
  private readonly today: () => string

  constructor(
    readonly settings: SettingsService,
    private readonly demo: DemoSetup,
    private readonly resolveSystemProxy?: SystemProxyResolver,
    private readonly env: NodeJS.ProcessEnv = {}
  ) {
    this.today = todayFrom({ ...process.env, ...env })
  }

  info(): ConnectionInfo {
    const settings = this.current()
    const keys = keysForEndpoint(settings).filter((k) => this.settings.secret(k.id))
    const env = this.settings.environmentKey()
    const plan = providerPlan(settings)
    const endpoint = plan.endpoint.kind === 'openai' ? 'OpenAI' : providerUrl(plan)
    if (keys.length > 0)
      return {
        hasKey: true,
        keyLabel: keys.map((k) => `${k.label} (${k.hint})`).join(', '),
        endpoint
      }
    if (settings.keys.length === 0 && env)
      return { hasKey: true, keyLabel: `OPENAI_API_KEY (${maskSecret(env)})`, endpoint }
    return { hasKey: false, endpoint }
  }

  /** The endpoint a new real job records. */
  endpoint(): EndpointRef {
    return providerPlan(this.current()).endpoint
  }

  /** How the estimate prices a model on this endpoint. */
  pricing(model: string): ReturnType<typeof pricingFor> {
    return pricingFor(this.current(), model)
  }

  /**
   * How a model is priced on this endpoint, with the prices that go with it: the user's
   * overrides, zero on a free local server, none (the catalog's, or unknown) otherwise.
   */
  priced(model: string): { pricing: ReturnType<typeof pricingFor>; prices?: Partial<ModelPrices> } {
    const pricing = this.pricing(model)
    if (pricing === 'override') return { pricing, prices: this.current().prices[model] }
    if (pricing === 'free') return { pricing, prices: FREE_PRICES }
    return { pricing }
  }

  /** Each usable key's limits for a model, for the estimate (undefined parts: the catalog's). */
  keyLimits(model: string): KeyEstimateLimits[] {
    try {
      return this.planned(this.current(), model).map(({ rpm, tpm, batchQueueTokens, from }) => ({
        rpm,
        tpm,
        ...(batchQueueTokens === undefined ? {} : { batchQueueTokens }),
        ...(from ? { from } : {})
      }))
    } catch {
      return [{}]
    }
  }

  /** The limits a demo job is told (higher than the simulator keeps, as a wrong tier would be). */
  demoLimits(): { rpm: number; tpm: number } {
    return this.demo.limits
  }

  /** The connection for a job on `endpoint` and `model`: the demo simulator, or Settings' keys. */
  async open(endpoint: EndpointRef, model: string): Promise<Connection> {
    if (endpoint.kind === 'demo') {
      this.simulator ??= this.demo.start()
      const simulator = await this.simulator
      const key = { id: 'demo', label: 'Demo', apiKey: this.demo.key, ...this.demo.limits }
      return { endpoint, baseURL: simulator.url, keys: [key] }
    }
    const settings = await this.effective()
    const keys = this.planned(settings, model)
    return this.connectWith(settings, keys, { endpoint })
  }

  /** The engine's one connection builder, with Settings' provider, proxy and in-flight maximum. */
  private async connectWith(
    settings: Settings,
    keys: Connection['keys'],
    extra: Partial<Pick<Connection, 'endpoint'>> = {}
  ): Promise<Connection> {
    const plan = providerPlan(settings)
    try {
      return await connect({
        ...plan,
        ...extra,
        keys,
        keyless: keys.every((key) => key.apiKey === NO_KEY),
        maxConcurrency: settings.defaults.maxConcurrency,
        proxy: settings.proxy,
        proxyCredentials: this.proxyCredentials(),
        resolveSystemProxy: this.resolveSystemProxy,
        env: this.env
      })
    } catch (error) {
      if (error instanceof ConnectRefused)
        throw new AppError(ErrorCodes.refused, { ...error.problem, field: 'provider.baseURL' })
      throw error
    }
  }

  /** The keys' limits and the in-flight maximum Settings give a model now (no secret). */
  tuning(model: string): Pick<Connection, 'keys' | 'maxConcurrency'> | null {
    try {
      const settings = this.current()
      const withoutSecrets = this.planned(settings, model).map((key) => ({ ...key, apiKey: '' }))
      return { keys: withoutSecrets, maxConcurrency: settings.defaults.maxConcurrency }
    } catch {
      return null
    }
  }

  /** The keys a job on `model` uses with these settings (their secrets from the vault). */
  private planned(settings: Settings, model: string): ReturnType<typeof plannedKeys> {
    const secret = (id: string): string | undefined => this.settings.secret(id)
    return plannedKeys(settings, model, secret, this.settings.environmentKey())
  }

  /** "Test key": one tiny request for `model` with a saved key (or a key being added). */
  async testKey(keyId: string, model: string): Promise<KeyTest> {
    const settings = await this.effective()
    const apiKey = keyId === 'env' ? this.settings.environmentKey() : this.settings.secret(keyId)
    if (!apiKey) throw new AppError(ErrorCodes.noKey, { code: 'keysNotAtHand', field: 'keyId' })
    const saved = settings.keys.find((k) => k.id === keyId)
    if (saved && !keysForEndpoint(settings).includes(saved))
      throw new AppError(ErrorCodes.refused, { code: 'keysOtherEndpoint', field: 'keyId' })
    const connection = await this.connectWith(settings, [{ id: keyId, label: '', apiKey }])
    const result = await testKey(connection, apiKey, model)
    const lifecycle = await this.lifecycleOf(connection, model)
    if (lifecycle) result.lifecycle = lifecycle
    const reported = result.rpm !== null || result.tpm !== null
    if (reported && keyId !== 'env')
      await this.settings.recordReported(
        keyId,
        model,
        result.rpm ?? undefined,
        result.tpm ?? undefined
      )
    return result
  }

  /** The model by the endpoint's own list (its shutdown date, or its absence), else the catalog. */
  private async lifecycleOf(connection: Connection, model: string): Promise<Problem | null> {
    const life = modelLife(model, this.today(), await this.listings.listing(connection))
    return modelNote(model, life)
  }

  /** "Test connection": the route to the provider and where it stopped. */
  async testConnection(): Promise<ConnectionTest> {
    const settings = await this.effective()
    const plan = providerPlan(settings)
    const route = await this.routeTo(plan, settings)
    const first = keysForEndpoint(settings)
      .map((k) => this.settings.secret(k.id))
      .find(Boolean)
    const apiKey = first ?? this.settings.environmentKey()
    if (apiKey) checkKeyTransport(plan, [{ id: 'test', label: '', apiKey }])
    const headers: Record<string, string> = { ...plan.defaultHeaders }
    if (apiKey && plan.azure) headers['api-key'] = apiKey
    else if (apiKey) headers.authorization = `Bearer ${apiKey}`
    const url = plan.azure
      ? `${plan.azure.endpoint}/openai/models?api-version=${plan.azure.apiVersion}`
      : `${providerUrl(plan).replace(/\/+$/, '')}/models`
    const fetchFn = fetchVia(route, this.proxyCredentials()) ?? fetch
    return testConnection(url, headers, route, fetchFn, [
      apiKey ?? '',
      this.settings.proxyPassword() ?? ''
    ])
  }

  /** How requests to the provider travel: the proxy settings applied to its URL. */
  private routeTo(plan: ProviderPlan, settings: Settings): Promise<ProxyRoute> {
    return proxyRouteFor(providerUrl(plan), settings.proxy, this.resolveSystemProxy, this.env)
  }

  /** Settings with the environment's key and base URL applied (see `withEnvironment`). */
  private current(): Settings {
    return withEnvironment(this.settings.value, this.env)
  }

  private async effective(): Promise<Settings> {
    await this.settings.ready
    return this.current()
  }

  async close(): Promise<void> {
    const simulator = await this.simulator
    await simulator?.close()
  }

  private proxyCredentials(): { username: string; password: string } | undefined {
    const { username } = this.current().proxy
    return username ? { username, password: this.settings.proxyPassword() ?? '' } : undefined
  }
}
