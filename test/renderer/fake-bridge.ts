import type { AppInfo } from '@shared/domain/app-info'
import type { Snapshot, WorkspaceUpdate } from '@shared/domain/workspace'
import type { PhotoscribeApi } from '@shared/ipc/routes'
import { DEFAULT_SETTINGS } from '@shared/settings/schema'
import type { SettingsView } from '@shared/settings/view'
import { ROUTE_NAMES } from '@shared/ipc/route-names'

export const INFO: AppInfo = {
  name: 'Photoscribe',
  version: '3.1.4',
  platform: 'linux',
  arch: 'x64',
  dataDir: '/home/m/.config/Photoscribe',
  runtime: { node: '20.20.2' },
  thumbnailBase: 'thumb://t/'
}

export function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  return {
    view: null,
    sample: null,
    jobs: [],
    connection: { hasKey: false, endpoint: 'OpenAI' },
    templates: [{ id: 'seo-meta', name: 'SEO meta description' }],
    models: [
      { id: 'gpt-6-luna', name: 'gpt-6-luna', input: 0.1, output: 0.5 },
      { id: 'gpt-4.1-mini', name: 'gpt-4.1-mini', input: 0.4, output: 1.6 }
    ],
    languages: ['English', 'Español'],
    history: [],
    resumable: null,
    modelOffers: [],
    settings: settingsView(),
    studio: null,
    ...over
  }
}

/** Settings as main would send them: the defaults, no key, OS-protected storage. */
export function settingsView(over: Partial<SettingsView> = {}): SettingsView {
  return {
    settings: structuredClone(DEFAULT_SETTINGS),
    protection: 'os',
    keysKept: {},
    environmentKey: null,
    proxyPasswordKept: null,
    notices: { setAside: null, unreadableKeys: [] },
    ...over
  }
}

/**
 * A bridge for component tests: answers from a snapshot, records every call, and lets the test
 * push updates as main would.
 */
export function fakeBridge(state: Snapshot = snapshot(), info: AppInfo | Error = INFO) {
  const calls: { method: string; input: unknown }[] = []
  const listeners = new Set<(update: WorkspaceUpdate) => void>()
  const answers: Record<string, unknown> = {
    'templates.list': { builtins: [], saved: [] },
    'settings.testKeyCost': 0.00002
  }
  const record = (method: string) => async (input?: unknown) => {
    calls.push({ method, input })
    return answers[method] ?? (method.startsWith('settings.') ? state.settings : { ok: true })
  }
  const domain = (name: string, methods: string[]) =>
    Object.fromEntries(methods.map((m) => [m, record(`${name}.${m}`)]))
  const bridge = {
    app: {
      ready: async () => state,
      getInfo: async () => {
        if (info instanceof Error) throw info
        return info
      }
    },
    ...Object.fromEntries(
      Object.entries(ROUTE_NAMES)
        .filter(([name]) => name !== 'app')
        .map(([name, methods]) => [name, domain(name, [...methods])])
    ),
    addDropped: record('addDropped'),
    onUpdate: (listener: (update: WorkspaceUpdate) => void) => {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
  } as unknown as PhotoscribeApi
  return {
    bridge,
    calls,
    push: (update: WorkspaceUpdate) => listeners.forEach((l) => l(update)),
    get listeners() {
      return listeners.size
    }
  }
}
