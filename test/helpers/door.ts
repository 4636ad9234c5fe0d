import { DEFAULT_SETTINGS, type Settings } from '@shared/settings/schema'
import { routes } from '@shared/ipc/routes'
import { createHandlers } from '../../src/main/ipc/handlers'
import { createRouter, type Router } from '../../src/main/ipc/router'
import type { SettingsService } from '../../src/main/settings/settings-service'
import type { Workspace } from '../../src/main/workspace/workspace'
import { TEST_APP_INFO } from './app-info'
import { photoFolder } from './job-fixtures'
import { until } from './until'
import { testWorkspace } from './workspace'

/**
 * The window's door to the engine without a window: the real IPC router and workspace, `call`
 * answering like the preload (a refusal throws an Error carrying its code and problem).
 */
const APP = 'app://photoscribe/index.html'
const SECRET = 'sk-front-door-sentinel-4b1d9e7a'

export interface Door {
  ws: Workspace
  settings: SettingsService
  call: (channel: string, input?: unknown) => Promise<unknown>
  photos: string
}

export async function door(photoCount: number): Promise<Door> {
  const folder = await photoFolder(photoCount)
  const ws = testWorkspace(folder.dataDir, {})
  const router: Router = createRouter(
    createHandlers({ appInfo: () => TEST_APP_INFO, workspace: ws }),
    () => true,
    { checkOutputs: true }
  )
  const call = async (channel: string, input?: unknown): Promise<unknown> => {
    const result = await router.handle(channel, APP, input)
    if (!result.ok) throw Object.assign(new Error(result.error.message), result.error)
    return result.data
  }
  return { ws, settings: ws.deps.connection.settings, call, photos: folder.photos }
}

export function useEndpoint(settings: SettingsService, baseURL: string): Promise<unknown> {
  const provider: Settings['provider'] = { ...DEFAULT_SETTINGS.provider, preset: 'custom', baseURL }
  return settings.update({ section: 'provider', value: provider })
}

/** Settings send to `url` with one key; the door's photos are in the queue, listed. */
export async function queueOn(d: Door, url: string): Promise<void> {
  await useEndpoint(d.settings, url)
  await d.settings.addKey('Main', SECRET)
  await d.call(routes.queue.add.channel, { paths: [d.photos] })
  await until(() => d.ws.openDraft()?.walking === false, 5_000)
}

