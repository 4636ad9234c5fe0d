import { readFile, readdir } from 'node:fs/promises'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS, type Settings } from '@shared/settings/schema'
import { jobPreprocessSettings } from '../../../src/core/jobs/job-request'
import { runOpen } from '../../../src/main/workspace/runs'
import type { SettingsService } from '../../../src/main/settings/settings-service'
import type { Workspace } from '../../../src/main/workspace/workspace'
import { startConnectProxy, type TestProxy } from '../../helpers/connect-proxy'
import { photoFolder } from '../../helpers/job-fixtures'
import { simulatorPerTest } from '../../helpers/sim'
import { until } from '../../helpers/until'
import { testWorkspace } from '../../helpers/workspace'

const sims = simulatorPerTest()
const SECRET = 'sk-settings-sentinel-7f3a9c1e55'
let proxy: TestProxy | undefined
let workspace: Workspace | undefined
afterEach(async () => {
  await workspace?.close()
  await proxy?.close()
  proxy = workspace = undefined
})

/** A workspace with Settings saying: a custom endpoint at the simulator, and one key. */
async function withKey(simUrl: string, photos = 0) {
  const folder = await photoFolder(photos)
  const ws = (workspace = testWorkspace(folder.dataDir, {}))
  const settings = ws.deps.connection.settings
  await customEndpoint(settings, simUrl)
  const view = await settings.addKey('Main', SECRET)
  return { ws, settings, folder, keyId: view.settings.keys[0].id }
}

/** Adds the folder's photos and runs them to the end; returns the done count. */
async function runAll(ws: Workspace, photos: string): Promise<number> {
  await ws.ensureDraft().add([photos])
  const id = await runOpen(ws)
  await until(() => ws.runs.view(id)?.running === false, 15_000)
  return ws.runs.view(id)!.open(Date.now()).run.totals.done
}

describe('keys from Settings carry a run, and are never written in clear', () => {
  it('runs on the saved key; neither settings nor secrets file nor journal holds it', async () => {
    const sim = await sims.start({ latencyMs: 5, defaultKey: { rpm: 700, tpm: 150_000 } })
    const { ws, folder } = await withKey(sim.url, 4)
    expect(await runAll(ws, folder.photos)).toBe(4)
    expect(sim.log.entries.filter((e) => e.path === '/v1/chat/completions')).toHaveLength(4)
    for (const file of await filesUnder(folder.dataDir))
      expect((await readFile(file)).includes(SECRET), file).toBe(false)
    const view = await ws.deps.connection.settings.view()
    expect(JSON.stringify(view)).not.toContain(SECRET)
    expect(view.settings.keys[0].hint).toBe('sk-…1e55')
    // What the headers said in the run is kept beside the key's configured limits.
    expect(view.settings.keys[0].reported['gpt-6-luna']).toMatchObject({ rpm: 700, tpm: 150_000 })
  })
})

describe('Test key', () => {
  it('reads the limits from the headers of one tiny request and records them for the key', async () => {
    const sim = await sims.start({ defaultKey: { rpm: 480, tpm: 123_000 } })
    const { ws, settings, keyId, folder } = await withKey(sim.url, 1)
    const draft = ws.ensureDraft()
    await draft.add([folder.photos])
    await until(() => ws.estimate(draft)?.measured === 1)
    expect(ws.estimate(draft)).toMatchObject({ rpm: 500, limitsSource: 'given' })
    const result = await ws.deps.connection.testKey(keyId, 'gpt-6-luna')
    expect(result).toMatchObject({ outcome: 'valid', rpm: 480, tpm: 123_000 })
    const chats = sim.log.entries.filter((e) => e.path === '/v1/chat/completions')
    expect(chats).toHaveLength(1)
    expect((await settings.view()).settings.keys[0].reported['gpt-6-luna']).toMatchObject({
      rpm: 480,
      tpm: 123_000
    })
    // With nothing chosen in Settings, the estimate uses what the test heard, not tier 1's figures.
    const reported = [{ rpm: 480, tpm: 123_000, from: 'reported' }]
    expect(ws.deps.connection.keyLimits('gpt-6-luna')).toEqual(reported)
    expect(ws.estimate(draft)).toMatchObject({ rpm: 480, tpm: 123_000, limitsSource: 'reported' })
    await settings.setKeyLimits(keyId, 'gpt-6-luna', { source: 'headers' })
    expect(ws.deps.connection.keyLimits('gpt-6-luna')).toEqual(reported)
    await settings.setKeyLimits(keyId, 'gpt-6-luna', { source: 'tier', tier: 1 })
    expect(ws.deps.connection.keyLimits('gpt-6-luna')[0].from).toBeUndefined()
  })

  it('says why a key does not work: refused, out of credit, or no access to the model', async () => {
    const sim = await sims.start({
      keys: { [SECRET]: { quotaAfter: 0 }, 'sk-other-key-000000': {} }
    })
    const { ws, settings, keyId } = await withKey(sim.url)
    expect((await ws.deps.connection.testKey(keyId, 'gpt-6-luna')).outcome).toBe('quota')
    await settings.replaceKeySecret(keyId, 'sk-unknown-key-123456')
    expect((await ws.deps.connection.testKey(keyId, 'gpt-6-luna')).outcome).toBe('invalid')
    await settings.replaceKeySecret(keyId, 'sk-other-key-000000')
    const noModel = await ws.deps.connection.testKey(keyId, 'gpt-9-imaginary')
    expect(noModel.outcome).toBe('noModel')
    expect(noModel.message).toMatch(/gpt-9-imaginary/)
  })

  it('says what the endpoint’s own /v1/models says of the model: withdrawn, or shutting down soon', async () => {
    const sim = await sims.start({ withdrawn: ['gpt-5.4'] })
    const { ws, keyId } = await withKey(sim.url)
    const live = await ws.deps.connection.testKey(keyId, 'gpt-6-luna')
    expect(live.lifecycle).toBeUndefined()
    expect((await ws.deps.connection.testKey(keyId, 'gpt-4.1-mini')).lifecycle).toEqual({
      code: 'modelDying',
      field: 'model',
      params: { n: 'gpt-4.1-mini', replacement: 'gpt-6-luna', date: '2027-01-14' }
    })
    expect((await ws.deps.connection.testKey(keyId, 'gpt-5.4')).lifecycle).toMatchObject({
      code: 'modelUnlistedAlone',
      params: { n: 'gpt-5.4' }
    })
    // One list for the three tests (an hour each).
    expect(sim.log.entries.filter((e) => e.path === '/v1/models')).toHaveLength(1)
  })
})

describe('providers', () => {
  it('an Azure-style endpoint (deployment in the path, api-key header) carries a run', async () => {
    const sim = await sims.start({ latencyMs: 5 })
    const folder = await photoFolder(3)
    const ws = (workspace = testWorkspace(folder.dataDir, {}))
    const settings = ws.deps.connection.settings
    await settings.update({
      section: 'provider',
      value: {
        ...DEFAULT_SETTINGS.provider,
        preset: 'azure',
        azure: {
          endpoint: sim.url.replace(/\/v1$/, ''),
          apiVersion: '2024-10-21',
          deployments: { 'gpt-6-luna': 'catalog-mini' }
        }
      }
    })
    await settings.addKey('Azure', 'azure-key-0123456789abcdef')
    expect(await runAll(ws, folder.photos)).toBe(3)
    const paths = sim.log.entries.map((e) => e.path)
    expect(
      paths.filter((p) => p === '/openai/deployments/catalog-mini/chat/completions')
    ).toHaveLength(3)
    expect(sim.log.entries.every((e) => e.key === '…cdef')).toBe(true)
  })

  it('prices: unknown where the endpoint publishes none, the override where given, free for a local server', async () => {
    const folder = await photoFolder(2)
    const ws = (workspace = testWorkspace(folder.dataDir, {}))
    const settings = ws.deps.connection.settings
    const draft = ws.ensureDraft()
    await draft.add([folder.photos])
    await until(() => ws.estimate(draft)?.measured === 2)
    expect(ws.estimate(draft)).toMatchObject({ pricing: 'catalog' })
    await usePreset(settings, 'openrouter', 'https://openrouter.ai/api/v1')
    expect(ws.estimate(draft)).toMatchObject({ pricing: 'unknown', costStandard: null })
    await settings.update({
      section: 'prices',
      value: { 'gpt-6-luna': { input: 10, output: 50 } }
    })
    const priced = ws.estimate(draft)!
    expect(priced.pricing).toBe('override')
    await settings.update({ section: 'prices', value: {} })
    await usePreset(settings, 'ollama', 'http://127.0.0.1:11434/v1', { free: true })
    expect(ws.estimate(draft)).toMatchObject({ pricing: 'free', costStandard: 0 })
    await settings.update({ section: 'provider', value: DEFAULT_SETTINGS.provider })
    const catalog = ws.estimate(draft)!
    expect(priced.costStandard! / catalog.costStandard!).toBeCloseTo(100, 0)
  })

  it('several keys add up in the estimate; a key not allowed the model is left out', async () => {
    const sim = await sims.start()
    const { ws, settings, keyId } = await withKey(sim.url)
    const second = (await settings.addKey('Second', 'sk-second-key-abcdef12')).settings.keys[1].id
    await settings.setKeyLimits(keyId, 'gpt-4.1-mini', { source: 'custom', rpm: 100, tpm: 50_000 })
    await settings.setKeyLimits(second, 'gpt-4.1-mini', { source: 'tier', tier: 2 })
    expect(ws.deps.connection.keyLimits('gpt-4.1-mini')).toEqual([
      { rpm: 100, tpm: 50_000 },
      { rpm: 5_000, tpm: 2_000_000, batchQueueTokens: 20_000_000 }
    ])
    await settings.setKeyModels(second, ['gpt-4o'])
    expect(ws.deps.connection.keyLimits('gpt-4.1-mini')).toEqual([{ rpm: 100, tpm: 50_000 }])
  })
})

describe('the proxy', () => {
  it('an explicit proxy with a password carries a run; every request went through its tunnel', async () => {
    const sim = await sims.start({ latencyMs: 5 })
    proxy = await startConnectProxy({ username: 'marketing', password: 'pr0xy-pass' })
    const { ws, settings, folder } = await withKey(sim.url, 3)
    await settings.update({
      section: 'proxy',
      value: {
        mode: 'explicit',
        url: proxy.url,
        username: 'marketing',
        hasPassword: false,
        noProxy: ''
      }
    })
    await settings.setProxyPassword('pr0xy-pass')
    expect(await runAll(ws, folder.photos)).toBe(3)
    expect(proxy.tunnels.length).toBeGreaterThan(0)
    expect(new Set(proxy.tunnels)).toEqual(new Set([new URL(sim.url).host]))
    expect(proxy.refused).toBe(0)
    expect(JSON.stringify(await settings.view())).not.toContain('pr0xy-pass')
    for (const file of await filesUnder(folder.dataDir))
      expect((await readFile(file)).includes('pr0xy-pass'), file).toBe(false)
  })

  it('Test connection says which route it took and where it failed', async () => {
    const sim = await sims.start()
    proxy = await startConnectProxy({ username: 'marketing', password: 'right' })
    const { ws, settings } = await withKey(sim.url)
    const explicit = {
      mode: 'explicit' as const,
      url: proxy.url,
      username: 'marketing',
      hasPassword: true,
      noProxy: ''
    }
    await settings.update({ section: 'proxy', value: explicit })
    await settings.setProxyPassword('wrong')
    const denied = await ws.deps.connection.testConnection()
    expect(denied).toMatchObject({
      outcome: 'proxyAuth',
      route: { kind: 'proxy', source: 'explicit' }
    })
    await settings.setProxyPassword('right')
    expect(await ws.deps.connection.testConnection()).toMatchObject({ outcome: 'ok' })
    await settings.update({
      section: 'proxy',
      value: { ...explicit, noProxy: 'localhost, 127.0.0.1' }
    })
    expect(await ws.deps.connection.testConnection()).toMatchObject({
      outcome: 'ok',
      route: { kind: 'direct', reason: 'no-proxy-list' }
    })
    await settings.update({ section: 'proxy', value: { ...DEFAULT_SETTINGS.proxy, mode: 'none' } })
    await customEndpoint(settings, await closedPortUrl())
    const closed = await ws.deps.connection.testConnection()
    expect(closed.outcome, JSON.stringify(closed)).toBe('refused')
    await customEndpoint(settings, 'https://photoscribe-test.invalid/v1')
    expect((await ws.deps.connection.testConnection()).outcome).toBe('dns')
    // https:// to a server that speaks plain HTTP: the TLS handshake fails.
    await customEndpoint(settings, sim.url.replace('http:', 'https:'))
    expect((await ws.deps.connection.testConnection()).outcome).toBe('tls')
  })

  it('refuses the wrong key with 401 as such', async () => {
    const sim = await sims.start({ keys: { 'sk-only-this-one-000': {} } })
    const { ws } = await withKey(sim.url)
    expect((await ws.deps.connection.testConnection()).outcome).toBe('auth')
  })
})

/** Settings → Provider: a provider preset at `baseURL` (with any other provider fields given). */
async function usePreset(
  settings: SettingsService,
  preset: Settings['provider']['preset'],
  baseURL: string,
  extra: Partial<Settings['provider']> = {}
): Promise<void> {
  await settings.update({
    section: 'provider',
    value: { ...DEFAULT_SETTINGS.provider, preset, baseURL, ...extra }
  })
}

/** Settings → Provider: a custom OpenAI-compatible endpoint at `baseURL`. */
function customEndpoint(settings: SettingsService, baseURL: string): Promise<void> {
  return usePreset(settings, 'custom', baseURL)
}

/** A loopback URL where nothing listens (a port just freed). */
async function closedPortUrl(): Promise<string> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return `http://127.0.0.1:${port}/v1`
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true })
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name))
}

describe('defaults', () => {
  it('a new queue starts from the defaults in Settings, and its job prepares photos with them', async () => {
    const folder = await photoFolder(1)
    const ws = (workspace = testWorkspace(folder.dataDir, {}))
    const defaults = {
      ...DEFAULT_SETTINGS.defaults,
      model: 'gpt-4o',
      detail: 'high' as const,
      templateId: 'alt-text',
      language: 'Español',
      jpegQuality: 70,
      background: '#ff0000',
      budgetUsd: 12.5,
      maxConcurrency: 40
    }
    await ws.deps.connection.settings.update({ section: 'defaults', value: defaults })
    const draft = ws.ensureDraft()
    expect(draft.options).toMatchObject(defaults)
    const settings = ws.settingsFor(draft)
    expect(jobPreprocessSettings(settings)).toMatchObject({
      jpegQuality: 70,
      background: '#ff0000'
    })
  })
})

describe('a model the catalog does not know, on a local server', () => {
  it('is priced unknown, by the override, or free — and estimated with the fallback image rules', async () => {
    const folder = await photoFolder(2)
    const ws = (workspace = testWorkspace(folder.dataDir, {}))
    const settings = ws.deps.connection.settings
    await usePreset(settings, 'ollama', 'http://127.0.0.1:11434/v1')
    const draft = ws.ensureDraft()
    await draft.add([folder.photos])
    ws.setOptions(draft, { model: 'llava:13b' })
    await until(() => ws.estimate(draft)?.measured === 2)
    expect(ws.estimate(draft)).toMatchObject({ pricing: 'unknown', costStandard: null })
    await settings.update({
      section: 'prices',
      value: { 'llava:13b': { input: 0.2, output: 0.6 } }
    })
    const priced = ws.estimate(draft)!
    expect(priced.pricing).toBe('override')
    expect(priced.costStandard).toBeGreaterThan(0)
    await settings.update({ section: 'prices', value: {} })
    await usePreset(settings, 'ollama', 'http://127.0.0.1:11434/v1', { free: true })
    expect(ws.estimate(draft)).toMatchObject({ pricing: 'free', costStandard: 0 })
  })
})
