import { createServer, type IncomingHttpHeaders } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { routes } from '@shared/ipc/routes'
import { DEFAULT_SETTINGS, type Settings } from '@shared/settings/schema'
import type { Workspace } from '../../../src/main/workspace/workspace'
import { photoFolder } from '../../helpers/job-fixtures'
import { simulatorPerTest } from '../../helpers/sim'
import { until } from '../../helpers/until'
import { door as openDoor, queueOn, useEndpoint, type Door } from '../../helpers/door'

/**
 * The window's door to the engine, tried as a new user would: through the real IPC router, with
 * the simulator behind it. Each test here failed on the main this wave started from.
 */
const sims = simulatorPerTest()
const SECRET = 'sk-front-door-sentinel-4b1d9e7a'
let workspace: Workspace | undefined
afterEach(async () => {
  await workspace?.close()
  workspace = undefined
})

async function door(photoCount: number): Promise<Door> {
  const opened = await openDoor(photoCount)
  workspace = opened.ws
  return opened
}

const chats = (sim: { log: { entries: { path: string; outcome: string }[] } }) =>
  sim.log.entries.filter((e) => e.path === '/v1/chat/completions')

describe('Run pressed twice (a double-click)', () => {
  it('starts one job: both calls answer the same id and every photo is billed once', async () => {
    const sim = await sims.start({ latencyMs: 20 })
    const d = await door(6)
    await queueOn(d, sim.url)
    const [a, b] = (await Promise.all([
      d.call(routes.run.start.channel),
      d.call(routes.run.start.channel)
    ])) as { jobId: string }[]
    expect(b.jobId).toBe(a.jobId)
    await until(() => d.ws.runs.view(a.jobId)?.running === false, 15_000)
    const jobs = (await d.ws.jobEntries()).filter((job) => !job.sample)
    expect(jobs).toHaveLength(1)
    expect(chats(sim).filter((e) => e.outcome === 'ok')).toHaveLength(6)
    expect([...sim.log.billedByImage().values()].every((n) => n === 1)).toBe(true)
  })

  it('a second Run while the job runs answers the running job, not a refusal', async () => {
    const sim = await sims.start({ latencyMs: 200 })
    const d = await door(3)
    await queueOn(d, sim.url)
    const first = (await d.call(routes.run.start.channel)) as { jobId: string }
    const second = (await d.call(routes.run.start.channel)) as { jobId: string }
    expect(second.jobId).toBe(first.jobId)
    await until(() => d.ws.runs.view(first.jobId)?.running === false, 15_000)
    expect(chats(sim).filter((e) => e.outcome === 'ok')).toHaveLength(3)
  })
})

describe('a job resumes only on the endpoint it ran on', () => {
  it('is refused on another endpoint, both named; "Move this job" moves it deliberately', async () => {
    const a = await sims.start({ latencyMs: 5, defaultKey: { quotaAfter: 2 } })
    const { startSimulator } = await import('../../../src/simulator/server')
    const b = await startSimulator({ latencyMs: 5 })
    try {
      const d = await door(5)
      await useEndpoint(d.settings, a.url)
      await d.settings.addKey('Main', SECRET)
      await d.call(routes.queue.add.channel, { paths: [d.photos] })
      await until(() => d.ws.openDraft()?.walking === false, 5_000)
      const { jobId } = (await d.call(routes.run.start.channel)) as { jobId: string }
      await until(() => d.ws.runs.view(jobId)?.running === false, 15_000)
      expect(d.ws.runs.view(jobId)!.open(0).run.status).toBe('stopped')

      await useEndpoint(d.settings, b.url)
      await d.settings.addKey('For B', `${SECRET}-b`)
      await d.call(routes.jobs.open.channel, { id: jobId })
      const refusal = await d.call(routes.run.start.channel).catch((e: Error) => e)
      expect(refusal).toBeInstanceOf(Error)
      expect(refusal).toMatchObject({ code: 'refused', problem: { field: 'endpoint' } })
      expect((refusal as { problem: { code: string } }).problem.code).toBe('endpointMoved')
      expect((refusal as Error).message).toContain(`${a.url} → ${b.url}`)
      expect(chats(b)).toHaveLength(0)

      const moved = (await d.call(routes.jobs.moveEndpoint.channel, { id: jobId })) as {
        from: string
        to: string
      }
      expect(moved.to).toContain(b.url.replace(/\/$/, ''))
      await d.call(routes.run.start.channel)
      await until(() => d.ws.runs.view(jobId)?.running === false, 15_000)
      expect(d.ws.runs.view(jobId)!.open(0).run.totals.done).toBe(5)
      expect(chats(b).filter((e) => e.outcome === 'ok').length).toBe(3)
    } finally {
      await b.close()
    }
  })
})

describe('Test connection', () => {
  it('never sends the saved key over plain HTTP to another machine', async () => {
    const seen: IncomingHttpHeaders[] = []
    const server = createServer((req, res) => {
      seen.push(req.headers)
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"data":[]}')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    try {
      const { port } = server.address() as AddressInfo
      const d = await door(0)
      // A LAN-looking host through an explicit proxy on loopback: the key must not travel.
      await d.settings.update({
        section: 'proxy',
        value: { ...DEFAULT_SETTINGS.proxy, mode: 'explicit', url: `http://127.0.0.1:${port}` }
      })
      await useEndpoint(d.settings, 'http://192.168.1.20:8000/v1')
      await d.settings.addKey('Main', SECRET)
      const refusal = await d.call(routes.settings.testConnection.channel).catch((e: Error) => e)
      expect(refusal).toMatchObject({ code: 'refused', problem: { field: 'provider.baseURL' } })
      for (const headers of seen) expect(JSON.stringify(headers)).not.toContain(SECRET)
      expect(seen).toHaveLength(0)
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()))
    }
  })
})

describe('queue options', () => {
  it('keep every earlier change when another option changes', async () => {
    const d = await door(0)
    await d.call(routes.queue.setOptions.channel, { language: 'Deutsch' })
    await d.call(routes.queue.setOptions.channel, { templateId: 'alt-text' })
    await d.call(routes.queue.setOptions.channel, { detail: 'high' })
    await d.call(routes.queue.setOptions.channel, { mode: 'batch' })
    expect(d.ws.openDraft()!.options).toMatchObject({
      language: 'Deutsch',
      templateId: 'alt-text',
      detail: 'high',
      mode: 'batch'
    })
  })
})

describe('a base URL with a user name and password', () => {
  it('is refused at once with the field named, and nothing is stored', async () => {
    const d = await door(0)
    const refusal = await useEndpoint(d.settings, 'https://user:hunter2@gateway.example/v1').catch(
      (e: Error) => e
    )
    expect(refusal).toMatchObject({ code: 'refused', problem: { field: 'provider.baseURL' } })
    expect((refusal as { problem: { code: string } }).problem.code).toBe('urlCredentials')
    expect(JSON.stringify(await d.settings.current())).not.toContain('hunter2')
  })
})

describe('a key is sent only to the endpoint it was saved for', () => {
  it('a key saved for one endpoint is not sent when Settings switch to another', async () => {
    const a = await sims.start({ latencyMs: 5 })
    const { startSimulator } = await import('../../../src/simulator/server')
    const b = await startSimulator({ latencyMs: 5 })
    try {
      const d = await door(2)
      await useEndpoint(d.settings, a.url)
      await d.settings.addKey('For A', SECRET)
      await useEndpoint(d.settings, b.url)
      await d.call(routes.queue.add.channel, { paths: [d.photos] })
      await until(() => d.ws.openDraft()?.walking === false, 5_000)
      const refusal = await d.call(routes.run.start.channel).catch((e: Error) => e)
      expect(refusal).toMatchObject({ code: 'no_key', problem: { code: 'keysOtherEndpoint' } })
      const tested = await d
        .call(routes.settings.testKey.channel, {
          keyId: (await d.settings.current()).keys[0].id,
          model: 'gpt-4.1-mini'
        })
        .catch((e: Error) => e)
      expect(tested).toMatchObject({
        code: 'refused',
        problem: { code: 'keysOtherEndpoint', field: 'keyId' }
      })
      expect(b.log.entries.filter((e) => e.key === SECRET.slice(-4))).toHaveLength(0)
    } finally {
      await b.close()
    }
  })

  it('keys saved before keys were bound belong to the provider configured when the app starts', async () => {
    const { openSettings } = await import('../../../src/main/settings/settings-service')
    const { testCipher } = await import('../../helpers/test-cipher')
    const { tempDir } = await import('../../helpers/temp')
    const { writeFile, readFile } = await import('node:fs/promises')
    const { join } = await import('node:path')
    const dir = await tempDir('legacy-keys')
    const legacy = {
      ...DEFAULT_SETTINGS,
      provider: {
        ...DEFAULT_SETTINGS.provider,
        preset: 'custom',
        baseURL: 'https://gw.example/v1'
      },
      keys: [{ id: 'old-1', label: 'Old', hint: 'sk-…abcd', models: [], limits: {}, reported: {} }]
    }
    await writeFile(join(dir, 'settings.json'), JSON.stringify(legacy))
    const settings = openSettings(dir, testCipher(), {})
    await settings.ready
    expect((await settings.current()).keys[0].endpoint).toBe('compatible:https://gw.example/v1')
    const stored = JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8')) as Settings
    expect(stored.keys[0].endpoint).toBe('compatible:https://gw.example/v1')
  })
})

describe('editing one field of an answer', () => {
  it('changes only that field: a 4,000+ character field and "1,5 l" in a list stay as they were', async () => {
    const sim = await sims.start({ latencyMs: 5 })
    const d = await door(1)
    await useEndpoint(d.settings, sim.url)
    await d.settings.addKey('Main', SECRET)
    await d.call(routes.queue.setOptions.channel, { templateId: 'listing-pack' })
    await d.call(routes.queue.add.channel, { paths: [d.photos] })
    await until(() => d.ws.openDraft()?.walking === false, 5_000)
    const { jobId } = (await d.call(routes.run.start.channel)) as { jobId: string }
    await until(() => d.ws.runs.view(jobId)?.running === false, 15_000)
    const view = d.ws.runs.view(jobId)!
    const [item] = [...view.job.state.items.values()]
    const long = 'A long description. '.repeat(220).trim()
    const tags = ['bottle', '1,5 l', 'glass']
    const answer = { ...item.result!.fields, meta_description: long, tags }
    await d.ws.note(view, [{ e: 'edited', id: item.id, at: 1, fields: answer }])

    const row = view.row(item.id)!
    const shown = Object.fromEntries(row.fields!.map((f) => [f.name, f.value]))
    expect(row.fields!.find((f) => f.name === 'meta_description')!.cut).toBe(true)
    // An editor that sends every field back, only the title changed.
    await d.call(routes.queue.edit.channel, {
      id: item.id,
      fields: { ...shown, title: 'Green glass bottle, 1.5 litres' }
    })
    const fields = view.job.state.items.get(item.id)!.result!.fields!
    expect(fields.title).toBe('Green glass bottle, 1.5 litres')
    expect(fields.meta_description).toBe(long)
    expect(fields.tags).toEqual(tags)

    await d.call(routes.queue.edit.channel, {
      id: item.id,
      fields: { tags: 'bottle, 1,5 l,glass, green' }
    })
    expect(view.job.state.items.get(item.id)!.result!.fields!.tags).toEqual([
      'bottle',
      '1,5 l',
      'glass',
      'green'
    ])
    const refused = await d
      .call(routes.queue.edit.channel, { id: item.id, fields: { meta_description: 'short' } })
      .catch((e: Error) => e)
    expect(refused).toMatchObject({
      code: 'invalid_input',
      problem: { code: 'editTooLong', field: 'meta_description' }
    })
    expect(view.job.state.items.get(item.id)!.result!.fields!.meta_description).toBe(long)
  })
})

describe('export through a save dialog that drops the extension (GTK)', () => {
  it('writes the chosen format and adds its extension', async () => {
    const sim = await sims.start({ latencyMs: 5 })
    const d = await door(2)
    await queueOn(d, sim.url)
    const { jobId } = (await d.call(routes.run.start.channel)) as { jobId: string }
    await until(() => d.ws.runs.view(jobId)?.running === false, 15_000)
    const { join } = await import('node:path')
    const { readFile } = await import('node:fs/promises')
    const desktop = d.ws.deps.desktop as unknown as { savePath: string | null }
    for (const [format, magic] of [
      ['xlsx', 'PK'],
      ['csv', '\uFEFFFile'],
      ['json', '[']
    ] as const) {
      desktop.savePath = join(d.ws.deps.dataDir, `results-${format}`)
      const saved = (await d.call(routes.export.save.channel, { format })) as { path: string }
      expect(saved.path).toBe(`${desktop.savePath}.${format}`)
      expect((await readFile(saved.path, 'utf8')).startsWith(magic)).toBe(true)
    }
  })
})

describe('a pasted key with an invisible character', () => {
  it('is refused with the field named, not accepted to fail later', async () => {
    const d = await door(0)
    const refusal = await d
      .call(routes.settings.addKey.channel, { label: 'Main', apiKey: 'sk-proj-abc\u200bdef12345' })
      .catch((e: Error) => e)
    expect(refusal).toMatchObject({
      code: 'refused',
      problem: { code: 'keyInvisible', field: 'apiKey' }
    })
    expect((await d.settings.current()).keys).toHaveLength(0)
  })
})

describe('limits and concurrency saved in Settings', () => {
  async function keyOnSim(d: Door, simUrl: string): Promise<string> {
    await useEndpoint(d.settings, simUrl)
    const view = await d.settings.addKey('Main', SECRET)
    return view.settings.keys[0].id
  }

  async function runQueue(d: Door, photos: string): Promise<string> {
    await d.call(routes.jobs.newQueue.channel)
    await d.call(routes.queue.add.channel, { paths: [photos] })
    await until(() => d.ws.openDraft()?.walking === false, 5_000)
    return ((await d.call(routes.run.start.channel)) as { jobId: string }).jobId
  }

  const keyView = (d: Door, jobId: string) => d.ws.runs.view(jobId)!.runView(Date.now()).keys[0]

  it('apply to the next start on a key that already ran, and to a running job within a second', async () => {
    const sim = await sims.start({ latencyMs: 150, rateLimitHeaders: false })
    const d = await door(6)
    const keyId = await keyOnSim(d, sim.url)
    const custom = (rpm: number) => ({ source: 'custom' as const, rpm, tpm: 900_000 })
    await d.settings.setKeyLimits(keyId, 'gpt-6-luna', custom(3000))
    const first = await runQueue(d, d.photos)
    await until(() => d.ws.runs.view(first)?.running === false, 15_000)
    expect(keyView(d, first).rpm).toBe(3000)

    // Settings change between runs: the lane the key already has takes them at the next start.
    await d.settings.setKeyLimits(keyId, 'gpt-6-luna', custom(1200))
    await d.settings.update({
      section: 'defaults',
      value: { ...(await d.settings.current()).defaults, maxConcurrency: 1 }
    })
    const more = await photoFolder(20)
    const second = await runQueue(d, more.photos)
    await until(() => (d.ws.runs.view(second)?.runView(Date.now()).keys.length ?? 0) > 0, 5_000)
    expect(keyView(d, second).rpm).toBe(1200)
    expect(keyView(d, second).concurrencyCap).toBe(1)
    // …and a change while it runs reaches it at once.
    await d.settings.setKeyLimits(keyId, 'gpt-6-luna', custom(2400))
    await d.settings.update({
      section: 'defaults',
      value: { ...(await d.settings.current()).defaults, maxConcurrency: 3 }
    })
    expect(d.ws.runs.view(second)!.running).toBe(true)
    await until(() => keyView(d, second).rpm === 2400, 1_000)
    expect(keyView(d, second).concurrencyCap).toBe(3)
    await until(() => d.ws.runs.view(second)?.running === false, 15_000)
    expect(d.ws.runs.view(second)!.open(0).run.totals.done).toBe(20)
  })
})
