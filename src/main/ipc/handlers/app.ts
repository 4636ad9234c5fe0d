import type { AppInfo } from '@shared/domain/app-info'

/** `app:get-info`: what the About panel and the footer show. */
export function getAppInfoHandler(appInfo: () => AppInfo): () => AppInfo {
  return () => appInfo()
}
