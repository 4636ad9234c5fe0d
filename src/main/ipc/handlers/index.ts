import type { AppInfo } from '@shared/domain/app-info'
import { channels } from '@shared/ipc/channels'
import type { Handlers } from '../router'
import { getAppInfoHandler } from './app'

/** What the handlers need from main (filled by Electron services, or by tests). */
export interface HandlerDeps {
  appInfo: () => AppInfo
}

/** Every request handler, keyed by channel. */
export function createHandlers(deps: HandlerDeps): Handlers {
  return {
    [channels.getAppInfo]: getAppInfoHandler(deps.appInfo)
  }
}
