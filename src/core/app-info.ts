import type { AppInfo } from '@shared/domain/app-info'

/** What main knows about itself, gathered by the caller (Electron's `app`, or the CLI). */
export interface AppFacts {
  version: string
  dataDir: string
  platform: string
  arch: string
  versions: Partial<Record<string, string>>
  /** Where the window loads thumbnails from (the thumbnail protocol, or a test server). */
  thumbnailBase: string
}

/** The app info the window shows: name, version, platform, data folder and runtime versions. */
export function buildAppInfo(facts: AppFacts): AppInfo {
  const runtime: Record<string, string> = {}
  for (const name of ['electron', 'chrome', 'node'] as const) {
    const version = facts.versions[name]
    if (version) runtime[name] = version
  }
  return {
    name: 'Photoscribe',
    version: facts.version,
    platform: facts.platform,
    arch: facts.arch,
    dataDir: facts.dataDir,
    runtime,
    thumbnailBase: facts.thumbnailBase
  }
}
