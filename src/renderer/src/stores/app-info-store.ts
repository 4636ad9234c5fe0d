import { createStore, type StoreApi } from 'zustand/vanilla'
import type { AppInfo } from '@shared/domain/app-info'
import type { PhotoscribeApi } from '@shared/ipc/api'
import { readBridgeError } from '../bridge'

/** App info as the window knows it: loading, loaded, or failed with a message. */
export interface AppInfoState {
  info: AppInfo | null
  error: string | null
  load(): Promise<void>
}

export type AppInfoStore = StoreApi<AppInfoState>

/** Creates the app-info store over a bridge. */
export function createAppInfoStore(bridge: Pick<PhotoscribeApi, 'getAppInfo'>): AppInfoStore {
  return createStore<AppInfoState>()((set) => ({
    info: null,
    error: null,
    async load() {
      try {
        set({ info: await bridge.getAppInfo(), error: null })
      } catch (error) {
        set({ error: readBridgeError(error).message })
      }
    }
  }))
}
