import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, type Settings } from '@shared/settings/schema'
import {
  checkKeyTransport,
  plannedKeys,
  pricingFor,
  providerPlan,
  withEnvironment
} from '../../../src/main/settings/connection-plan'

const KEY = { id: 'k1', label: 'Main', hint: 'sk-…0001', models: [], limits: {}, reported: {} }
const settings = (over: Partial<Settings> = {}): Settings => ({
  ...structuredClone(DEFAULT_SETTINGS),
  ...over
})
const provider = (over: Partial<Settings['provider']>) => ({
  ...DEFAULT_SETTINGS.provider,
  ...over
})

describe('where a job sends, from Settings', () => {
  it('OpenAI carries the organization and project headers; other presets do not', () => {
    const openai = providerPlan(
      settings({ provider: provider({ organization: 'org-acme', project: 'proj_catalog' }) })
    )
    expect(openai).toMatchObject({
      endpoint: { kind: 'openai' },
      defaultHeaders: { 'OpenAI-Organization': 'org-acme', 'OpenAI-Project': 'proj_catalog' }
    })
    const router = providerPlan(
      settings({ provider: provider({ preset: 'openrouter', organization: 'org-acme' }) })
    )
    expect(router).toMatchObject({
      endpoint: { kind: 'compatible', baseURL: 'https://openrouter.ai/api/v1' }
    })
    expect(router.defaultHeaders).toBeUndefined()
  })

  it('Azure records the resource and gives the transport its deployments', () => {
    const plan = providerPlan(
      settings({
        provider: provider({
          preset: 'azure',
          azure: {
            endpoint: 'https://acme.openai.azure.com/',
            apiVersion: '2024-10-21',
            deployments: { 'gpt-4o': 'prod' }
          }
        })
      })
    )
    expect(plan.endpoint).toEqual({
      kind: 'compatible',
      baseURL: 'https://acme.openai.azure.com/openai'
    })
    expect(plan.azure).toEqual({
      endpoint: 'https://acme.openai.azure.com',
      apiVersion: '2024-10-21',
      deployments: { 'gpt-4o': 'prod' }
    })
  })

  it('prices: catalog on OpenAI and Azure, unknown elsewhere, free when a local server is marked so, the override first', () => {
    expect(pricingFor(settings(), 'gpt-4.1-mini')).toBe('catalog')
    expect(pricingFor(settings(), 'llava:13b')).toBe('unknown')
    expect(pricingFor(settings({ provider: provider({ preset: 'vllm' }) }), 'gpt-4.1-mini')).toBe(
      'unknown'
    )
    expect(
      pricingFor(settings({ provider: provider({ preset: 'ollama', free: true }) }), 'llava')
    ).toBe('free')
    expect(
      pricingFor(settings({ provider: provider({ preset: 'openrouter', free: true }) }), 'x')
    ).toBe('unknown')
    const priced = settings({
      provider: provider({ preset: 'vllm' }),
      prices: { 'qwen-vl': { input: 1, output: 2 } }
    })
    expect(pricingFor(priced, 'qwen-vl')).toBe('override')
  })

  it('keys: those allowed the model and at hand; the environment only while Settings hold none; none for a local server', () => {
    const secret = (id: string) => (id === 'k1' ? 'sk-settings-0001' : undefined)
    const two = settings({ keys: [KEY, { ...KEY, id: 'k2', label: 'Other', models: ['gpt-4o'] }] })
    expect(plannedKeys(two, 'gpt-4.1-mini', secret, 'sk-env').map((k) => k.id)).toEqual(['k1'])
    expect(() =>
      plannedKeys(
        settings({ keys: [{ ...KEY, models: ['gpt-4o'] }] }),
        'gpt-4.1-mini',
        secret,
        undefined
      )
    ).toThrow(
      expect.objectContaining({
        problem: { code: 'noKeyForModel', field: 'keys', params: { n: 'gpt-4.1-mini' } }
      })
    )
    expect(() =>
      plannedKeys(settings({ keys: [KEY] }), 'gpt-4o', () => undefined, 'sk-env')
    ).toThrow(expect.objectContaining({ problem: { code: 'keysNotAtHand', field: 'keys' } }))
    expect(plannedKeys(settings(), 'gpt-4o', secret, 'sk-env-key-0000')).toEqual([
      { id: 'env', label: 'OPENAI_API_KEY', apiKey: 'sk-env-key-0000' }
    ])
    expect(() => plannedKeys(settings(), 'gpt-4o', secret, undefined)).toThrow(
      expect.objectContaining({ problem: { code: 'noKey', field: 'keys' } })
    )
    const local = settings({ provider: provider({ preset: 'ollama' }) })
    expect(plannedKeys(local, 'llava', secret, undefined)).toMatchObject([{ id: 'local' }])
  })

  it('never sends a real key in clear to another machine; a local server without one is fine', () => {
    const lan = providerPlan(
      settings({ provider: provider({ preset: 'custom', baseURL: 'http://10.0.0.5:8000/v1' }) })
    )
    const key = [{ id: 'k1', label: 'Main', apiKey: 'sk-real-key-000000' }]
    expect(() => checkKeyTransport(lan, key)).toThrow(/unencrypted/)
    const loopback = providerPlan(settings({ provider: provider({ preset: 'lmstudio' }) }))
    expect(() => checkKeyTransport(loopback, key)).not.toThrow()
    expect(() =>
      checkKeyTransport(lan, [{ id: 'local', label: 'Local', apiKey: 'no-key-needed' }])
    ).not.toThrow()
  })

  it('the environment: OPENAI_BASE_URL is an OpenAI gateway while Settings hold no key', () => {
    const env = { OPENAI_API_KEY: 'sk-env', OPENAI_BASE_URL: 'https://gateway.example.com/v1' }
    const plan = providerPlan(withEnvironment(settings(), env))
    expect(plan).toMatchObject({
      endpoint: { kind: 'compatible', baseURL: 'https://gateway.example.com/v1' }
    })
    expect(pricingFor(withEnvironment(settings(), env), 'gpt-4.1-mini')).toBe('catalog')
    expect(withEnvironment(settings({ keys: [KEY] }), env).provider.baseURL).toBe('')
  })
})
