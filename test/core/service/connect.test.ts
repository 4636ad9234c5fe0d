import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '@shared/settings/schema'
import { ConnectRefused, connect } from '../../../src/core/service/connect'

const KEY = { id: 'k1', label: 'Main', apiKey: 'sk-test-0000000000' }
const base = { keys: [KEY], proxy: DEFAULT_SETTINGS.proxy, env: {} }

describe('connect: where a key meets an endpoint', () => {
  it('refuses to send a key in clear to another machine, or with credentials in the URL', async () => {
    for (const [baseURL, code] of [
      ['http://192.168.1.20:8000/v1', 'plainHttpKey'],
      ['https://user:pass@gateway.example/v1', 'urlCredentials'],
      ['ftp://gateway.example/v1', 'urlScheme'],
      ['not a url', 'urlInvalid']
    ]) {
      const refusal = await connect({
        ...base,
        endpoint: { kind: 'compatible', baseURL },
        baseURL
      }).catch((e: unknown) => e)
      expect(refusal, baseURL).toBeInstanceOf(ConnectRefused)
      expect((refusal as ConnectRefused).problem).toMatchObject({ code, field: 'baseURL' })
    }
  })

  it('connects over HTTPS, to this machine over HTTP, and keyless to a local server anywhere', async () => {
    const https = await connect({ ...base, endpoint: { kind: 'openai' } })
    expect(https).toMatchObject({ endpoint: { kind: 'openai' }, keys: [KEY] })
    const loopback = 'http://127.0.0.1:11434/v1'
    expect(
      (
        await connect({
          ...base,
          endpoint: { kind: 'compatible', baseURL: loopback },
          baseURL: loopback
        })
      ).baseURL
    ).toBe(loopback)
    const lan = 'http://192.168.1.20:8000/v1'
    const keyless = await connect({
      ...base,
      keys: [{ id: 'local', label: 'Local', apiKey: 'no-key-needed' }],
      keyless: true,
      endpoint: { kind: 'compatible', baseURL: lan },
      baseURL: lan
    })
    expect(keyless.baseURL).toBe(lan)
  })

  it('routes through the proxy the settings name (and directly when none)', async () => {
    const direct = await connect({ ...base, endpoint: { kind: 'openai' } })
    expect(direct.fetch).toBeUndefined()
    const proxied = await connect({
      ...base,
      endpoint: { kind: 'openai' },
      proxy: { ...DEFAULT_SETTINGS.proxy, mode: 'explicit', url: 'http://proxy.corp.example:3128' },
      proxyCredentials: { username: 'me', password: 'p%/#ss' }
    })
    expect(typeof proxied.fetch).toBe('function')
  })
})
