import type { AppInfo } from '../domain/app-info'

/** The narrow API the preload exposes as `window.api`; the renderer reaches main only through it. */
export interface PhotoscribeApi {
  /** Version, platform and data folder of the running app. */
  getAppInfo(): Promise<AppInfo>
}
