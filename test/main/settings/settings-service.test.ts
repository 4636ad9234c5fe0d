import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '@shared/settings/schema'
import { openSettings } from '../../../src/main/settings/settings-service'
import { bypasses, fromPac, proxyRouteFor } from '../../../src/core/openai/proxy-route'
import { tempDir } from '../../helpers/temp'
import { testCipher } from '../../helpers/test-cipher'

const SECRET = 'sk-service-sentinel-0000aaaa'

async function service(protection: 'os' | 'weak' | 'none' = 'os') {
  const dir = await tempDir('settings-service')
  return { dir, settings: openSettings(dir, testCipher(protection), {}) }
}

describe('the settings service', () => {
  it('keeps a key as a hint only; the file on disk holds neither the key nor a way to it', async () => {
    const { dir, settings } = await service()
    const view = await settings.addKey('Main', `  ${SECRET}\n`)
    expect(view.settings.keys).toMatchObject([{ label: 'Main', hint: 'sk-…aaaa', models: [] }])
    expect(view.keysKept[view.settings.keys[0].id]).toBe('os')
    expect(settings.secret(view.settings.keys[0].id)).toBe(SECRET)
    expect(await readFile(join(dir, 'settings.json'), 'utf8')).not.toContain(SECRET)
    expect(await readFile(join(dir, 'secrets.json'), 'utf8')).not.toContain(SECRET)
  })

  it('refuses a bad key or label with the field named, and keeps nothing of it', async () => {
    const { settings } = await service()
    await expect(
      settings.addKey('Main', `${SECRET}\nsk-second-key-99999999`)
    ).rejects.toMatchObject({ problem: { code: 'keyWhitespace', field: 'apiKey' } })
    await expect(settings.addKey('Main', 'sk-1')).rejects.toMatchObject({
      problem: { code: 'keyLength' }
    })
    await expect(settings.addKey('x'.repeat(41), SECRET)).rejects.toMatchObject({
      problem: { code: 'tooLong', field: 'keys.0.label', params: { n: '40' } }
    })
    const view = await settings.view()
    expect(view.settings.keys).toEqual([])
    expect(Object.keys(view.keysKept)).toEqual([])
  })

  it('refuses a section with a wrong field, naming it, and keeps the saved one', async () => {
    const { settings } = await service()
    await expect(
      settings.update({
        section: 'provider',
        value: { ...DEFAULT_SETTINGS.provider, preset: 'custom', baseURL: 'ftp://example.com' }
      })
    ).rejects.toMatchObject({ problem: { code: 'url', field: 'provider.baseURL' } })
    expect((await settings.view()).settings.provider.preset).toBe('openai')
  })

  it('renames, limits and removes a key; the vault forgets a removed one', async () => {
    const { settings } = await service()
    const id = (await settings.addKey('Main', SECRET)).settings.keys[0].id
    await settings.renameKey(id, 'Marketing')
    await settings.setKeyLimits(id, 'gpt-4.1', { source: 'tier', tier: 3 })
    expect((await settings.view()).settings.keys[0]).toMatchObject({
      label: 'Marketing',
      limits: { 'gpt-4.1': { source: 'tier', tier: 3 } }
    })
    await settings.removeKey(id)
    expect(settings.secret(id)).toBeUndefined()
    expect((await settings.view()).settings.keys).toEqual([])
  })

  it('says a key is kept for the session only where the OS offers weak storage', async () => {
    const { settings } = await service('weak')
    const view = await settings.addKey('Main', SECRET)
    expect(view.protection).toBe('weak')
    expect(view.keysKept[view.settings.keys[0].id]).toBe('session')
    const opted = await settings.update({ section: 'allowWeakKeyStorage', value: true })
    expect(opted.keysKept[view.settings.keys[0].id]).toBe('weak')
  })
})

describe('proxy routes', () => {
  const explicit = {
    mode: 'explicit' as const,
    url: 'http://proxy:3128',
    username: '',
    hasPassword: false
  }
  it('bypasses hosts in the no-proxy list: names, suffixes and *', () => {
    expect(bypasses('api.openai.com', 'localhost, .openai.com')).toBe(true)
    expect(bypasses('openai.com', '.openai.com')).toBe(true)
    expect(bypasses('evilopenai.com', 'openai.com')).toBe(false)
    expect(bypasses('127.0.0.1', 'localhost,127.0.0.1:8080')).toBe(true)
    expect(bypasses('anything', '*')).toBe(true)
  })

  it('takes the explicit proxy, the system answer, or the environment', async () => {
    const api = 'https://api.openai.com/v1'
    expect(await proxyRouteFor(api, { ...explicit, noProxy: '' }, undefined, {})).toEqual({
      kind: 'proxy',
      url: 'http://proxy:3128',
      source: 'explicit'
    })
    const system = { ...explicit, mode: 'system' as const, noProxy: '' }
    expect(await proxyRouteFor(api, system, async () => 'PROXY corp:8080; DIRECT', {})).toEqual({
      kind: 'proxy',
      url: 'http://corp:8080',
      source: 'system'
    })
    expect(
      await proxyRouteFor(api, system, undefined, { HTTPS_PROXY: 'http://env:1' })
    ).toMatchObject({
      source: 'environment'
    })
    expect(fromPac('DIRECT')).toEqual({ kind: 'direct', reason: 'system-direct' })
    expect(fromPac('SOCKS5 socks:1080')).toEqual({
      kind: 'unsupported',
      entry: 'SOCKS5 socks:1080'
    })
  })
})
