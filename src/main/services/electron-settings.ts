import { existsSync } from 'node:fs'
import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import Store from 'electron-store'
import type { Settings } from '@shared/settings/schema'
import type { SettingsBackend } from '../settings/settings-store'

/**
 * Settings in electron-store (`<dir>/settings.json`). It throws on a file that is not JSON, so
 * the store opens lazily: `read` reports the damage, and `write` starts a new file after the
 * settings service has copied the old one aside.
 */
export function electronStoreBackend(dir: string): SettingsBackend {
  const path = join(dir, 'settings.json')
  let store: Store<Settings> | null = null
  const open = (): Store<Settings> =>
    (store ??= new Store<Settings>({ name: 'settings', cwd: dir, clearInvalidConfig: false }))
  return {
    path,
    async read() {
      if (!existsSync(path)) return {}
      try {
        return { data: open().store }
      } catch {
        return { damaged: true }
      }
    },
    async write(settings) {
      if (!store) {
        try {
          open()
        } catch {
          await rm(path, { force: true })
          open()
        }
      }
      store!.store = settings
    }
  }
}
