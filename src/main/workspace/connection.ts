import { maskSecret } from '@shared/redact'
import { endpointFor, insecureKeyTransport, type EndpointRef } from '../core/openai/endpoint'
import { proxyAwareFetch } from '../core/openai/proxy-fetch'
import type { Connection } from '../core/service/job-service'
import { AppError, ErrorCodes } from '@shared/errors'
import type { Simulator } from '../../simulator/server'

/** The demo's simulator limits and the (too high) limits the scheduler is told, as a wrong tier would. */
export interface DemoSetup {
  start(): Promise<Simulator>
  key: string
  limits: { rpm: number; tpm: number }
}

/**
 * Where the window's jobs send: the key in the environment (until Settings exist), or the demo's
 * simulator started in this process on loopback. Secrets stay here and in the transport.
 */
export class ConnectionSource {
  private simulator: Promise<Simulator> | null = null

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    private readonly demo: DemoSetup
  ) {}

  /** What the window may know: whether there is a key, its masked label, the endpoint. Never the key. */
  info(): { hasKey: boolean; keyLabel?: string; endpoint: string } {
    const key = this.apiKey()
    const baseURL = this.env.OPENAI_BASE_URL || undefined
    return {
      hasKey: Boolean(key),
      keyLabel: key ? `Main (${maskSecret(key)})` : undefined,
      endpoint: baseURL ?? 'OpenAI'
    }
  }

  /** The endpoint a new real job records. */
  endpoint(): EndpointRef {
    return endpointFor(this.env.OPENAI_BASE_URL || undefined)
  }

  /** The limits a demo job is told (higher than the simulator keeps, as a wrong tier would be). */
  demoLimits(): { rpm: number; tpm: number } {
    return this.demo.limits
  }

  /** The connection for a job on `endpoint`: the demo simulator, or the environment's key. */
  async open(endpoint: EndpointRef): Promise<Connection> {
    if (endpoint.kind === 'demo') {
      this.simulator ??= this.demo.start()
      const simulator = await this.simulator
      const key = { id: 'demo', label: 'Demo', apiKey: this.demo.key, ...this.demo.limits }
      return { endpoint, baseURL: simulator.url, keys: [key] }
    }
    const apiKey = this.apiKey()
    if (!apiKey)
      throw new AppError(
        ErrorCodes.noKey,
        'There is no OpenAI API key yet. Set OPENAI_API_KEY before starting Photoscribe, or try the demo.'
      )
    const baseURL = this.env.OPENAI_BASE_URL || undefined
    const insecure = baseURL ? insecureKeyTransport(baseURL) : null
    if (insecure) throw new AppError(ErrorCodes.refused, insecure, 'OPENAI_BASE_URL')
    const key = { id: 'main', label: 'Main', apiKey }
    return { endpoint, baseURL, keys: [key], fetch: proxyAwareFetch(this.env) }
  }

  async close(): Promise<void> {
    const simulator = await this.simulator
    await simulator?.close()
  }

  private apiKey(): string | undefined {
    const key = this.env.OPENAI_API_KEY?.trim()
    return key && !/\s/.test(key) ? key : undefined
  }
}
