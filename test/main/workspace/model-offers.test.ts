import { afterEach, describe, expect, it } from 'vitest'
import { routes } from '@shared/ipc/routes'
import { createHandlers } from '../../../src/main/ipc/handlers'
import { createRouter } from '../../../src/main/ipc/router'
import type { Workspace } from '../../../src/main/workspace/workspace'
import type { WorkspaceUpdate } from '@shared/domain/workspace'
import { TEST_APP_INFO } from '../../helpers/app-info'
import { photoFolder, testSettings } from '../../helpers/job-fixtures'
import { FakeDesktop } from '../../helpers/fake-desktop'
import { testWorkspace } from '../../helpers/workspace'
import { until } from '../../helpers/until'

// Every suite lives on PHOTOSCRIBE_TODAY=2026-12-06 (vitest.config.mts).
const APP = 'app://photoscribe/index.html'
let workspace: Workspace | undefined
afterEach(async () => {
  await workspace?.close()
  workspace = undefined
})

async function windowOn(updates: WorkspaceUpdate[]) {
  const { photos, dataDir } = await photoFolder(3)
  const ws = (workspace = testWorkspace(dataDir, {}, new FakeDesktop(), (u) => updates.push(u)))
  const router = createRouter(
    createHandlers({ appInfo: () => TEST_APP_INFO, workspace: ws }),
    () => true,
    { checkOutputs: true }
  )
  const call = (channel: string, input?: unknown) => router.handle(channel, APP, input)
  return { ws, photos, call }
}

describe('saved things on a dying model, offered at start (the window)', () => {
  it('an unfinished job on gpt-4.1-mini is offered "Switch job to gpt-6-luna"; the switch asks the photos left with it, and nothing else changes', async () => {
    const updates: WorkspaceUpdate[] = []
    const { ws, photos, call } = await windowOn(updates)
    await ws.deps.connection.settings.ready
    const endpoint = ws.deps.connection.endpoint()
    const job = await ws.service.create(testSettings([photos], { model: 'gpt-4.1-mini', endpoint }))
    const snapshot = await ws.snapshot()
    expect(snapshot.modelOffers).toEqual([
      {
        where: 'job',
        id: job.id,
        name: job.settings.name,
        model: 'gpt-4.1-mini',
        left: 3,
        life: { kind: 'dying', shutdownDate: '2027-01-14', daysLeft: 39, replacement: 'gpt-6-luna' }
      }
    ])
    // Opening the window switched nothing.
    expect((await ws.service.open(job.id)).settings.model).toBe('gpt-4.1-mini')

    const switchModel = routes.jobs.switchModel.channel
    const badId = await call(switchModel, { id: job.id, to: '<img src=x onerror=alert(1)>' })
    expect(badId).toMatchObject({ ok: false, error: { problem: { code: 'notModelId' } } })
    const gone = await call(switchModel, { id: job.id, to: 'gpt-4.1-nano' })
    expect(gone).toMatchObject({ ok: false, error: { problem: { code: 'switchToGone' } } })
    expect((await ws.service.open(job.id)).settings.model).toBe('gpt-4.1-mini')

    const switched = await call(switchModel, { id: job.id, to: 'gpt-6-luna' })
    expect(switched).toEqual({ ok: true, data: { from: 'gpt-4.1-mini', to: 'gpt-6-luna' } })
    const saved = await ws.service.open(job.id)
    expect(saved.settings.model).toBe('gpt-6-luna')
    expect(saved.settings.pricing).toBe('catalog')
    // The window hears that the offer is gone.
    await until(() => updates.some((u) => u.modelOffers?.length === 0), 3_000)
    expect((await ws.snapshot()).modelOffers).toEqual([])
  })

  it('Settings naming a dying default model are offered, and a switch of the default follows', async () => {
    const updates: WorkspaceUpdate[] = []
    const { ws, call } = await windowOn(updates)
    const settings = ws.deps.connection.settings
    await settings.ready
    const defaults = { ...settings.value.defaults, model: 'gpt-4.1-mini' }
    await call(routes.settings.update.channel, { section: 'defaults', value: defaults })
    await until(() => updates.some((u) => u.modelOffers?.length === 1), 3_000)
    const offers = (await ws.snapshot()).modelOffers
    expect(offers.map((o) => [o.where, o.model, o.life.replacement])).toEqual([
      ['default', 'gpt-4.1-mini', 'gpt-6-luna']
    ])
    updates.length = 0
    await call(routes.settings.update.channel, {
      section: 'defaults',
      value: { ...defaults, model: 'gpt-6-luna' }
    })
    await until(() => updates.some((u) => u.modelOffers?.length === 0), 3_000)
    expect((await ws.snapshot()).modelOffers).toEqual([])
  })
})
