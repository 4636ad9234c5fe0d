import { contextBridge } from 'electron'
import { describe, expect, it } from 'vitest'
import { eventChannels } from '@shared/ipc/channels'
import { routes } from '@shared/ipc/routes'
import { ROUTE_NAMES } from '@shared/ipc/route-names'
import { createApi, type Invoker } from '../../src/preload/api'
import type { contextBridge as fakeBridge } from '../setup/electron-fake'
import { WINDOW_API_KEYS } from '../helpers/window-api'

function invoker(answer: (channel: string, input: unknown) => unknown): Invoker & {
  calls: unknown[][]
  emit: (payload: unknown) => void
  listeners: number
} {
  const listeners = new Set<(event: unknown, payload: unknown) => void>()
  const calls: unknown[][] = []
  return {
    calls,
    invoke: async (channel, ...args) => (calls.push([channel, ...args]), answer(channel, args[0])),
    on: (channel, listener) => channel === eventChannels.update && listeners.add(listener),
    removeListener: (_channel, listener) => listeners.delete(listener),
    emit: (payload) => listeners.forEach((listener) => listener({}, payload)),
    get listeners() {
      return listeners.size
    }
  }
}

describe('createApi', () => {
  it('has one method per route, invoking its channel and resolving to its result', async () => {
    const ipc = invoker(() => ({ ok: true, data: { jobId: 'j1' } }))
    const api = createApi(ipc, () => '')
    expect(await api.run.start()).toEqual({ ok: true, data: { jobId: 'j1' } })
    await api.run.retry({ code: 'damaged' })
    expect(ipc.calls).toEqual([
      [routes.run.start.channel, undefined],
      [routes.run.retry.channel, { code: 'damaged' }]
    ])
    expect(Object.keys(api.queue).sort()).toEqual(Object.keys(routes.queue).sort())
  })

  it('knows every route by name without its schemas (the preload carries no zod)', () => {
    for (const [domain, domainRoutes] of Object.entries(routes))
      expect([...ROUTE_NAMES[domain as keyof typeof ROUTE_NAMES]].sort(), domain).toEqual(
        Object.keys(domainRoutes).sort()
      )
    expect(Object.keys(ROUTE_NAMES).sort()).toEqual(Object.keys(routes).sort())
  })

  it('a failure crosses the context bridge as data: the window reads its problem, never a string', async () => {
    const error = {
      code: 'refused',
      problem: { code: 'endpointMoved', field: 'endpoint', params: { n: 'A → B' } },
      message: 'endpoint: …'
    }
    const raw = createApi(
      invoker(() => ({ ok: false, error })),
      () => ''
    )
    // contextBridge copies values as a structured clone: the result survives whole (a thrown
    // Error would keep only its message). test/renderer/bridge.test.tsx reads it in the window.
    expect(structuredClone(await raw.app.getInfo())).toEqual({ ok: false, error })
  })

  it('sends only the real paths of dropped files, never the files', async () => {
    const ipc = invoker(() => ({ ok: true, data: { added: 1 } }))
    const api = createApi(ipc, (file) =>
      file.name === 'made-in-js.jpg' ? '' : `/photos/${file.name}`
    )
    await api.addDropped([new File(['x'], 'a.jpg'), new File(['y'], 'made-in-js.jpg')])
    expect(ipc.calls).toEqual([[routes.queue.add.channel, { paths: ['/photos/a.jpg'] }]])
  })

  it('takes a drop of 25,000 files: every path reaches main, in chunks the route accepts', async () => {
    const seen: string[] = []
    const ipc = invoker((_channel, input) => {
      const parsed = routes.queue.add.input.safeParse(input)
      if (!parsed.success) return { ok: false, error: { code: 'invalid_input', message: 'paths' } }
      seen.push(...parsed.data.paths)
      return { ok: true, data: { added: parsed.data.paths.length } }
    })
    const api = createApi(ipc, (file) => `/photos/${file.name}`)
    const files = Array.from({ length: 25_000 }, (_, i) => new File([''], `IMG_${i}.jpg`))
    expect(await api.addDropped(files)).toEqual({ ok: true, data: { added: 25_000 } })
    expect(seen).toHaveLength(25_000)
    expect(seen[24_999]).toBe('/photos/IMG_24999.jpg')
    expect(ipc.calls.length).toBeGreaterThan(1)
  })

  it('delivers updates until unsubscribed', () => {
    const ipc = invoker(() => ({ ok: true, data: null }))
    const api = createApi(ipc, () => '')
    const heard: unknown[] = []
    const unsubscribe = api.onUpdate((update) => heard.push(update))
    ipc.emit({ jobs: [] })
    unsubscribe()
    ipc.emit({ jobs: [] })
    expect(heard).toEqual([{ jobs: [] }])
    expect(ipc.listeners).toBe(0)
  })

  it('exposes exactly the narrow api as window.api, no ipcRenderer passthrough', async () => {
    await import('../../src/preload/index')
    const exposed = (contextBridge as unknown as typeof fakeBridge).exposed
    expect(Object.keys(exposed)).toEqual(['api'])
    expect(Object.keys(exposed.api as object).sort()).toEqual(WINDOW_API_KEYS)
  })
})
