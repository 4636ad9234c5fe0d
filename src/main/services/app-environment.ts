import { homedir } from 'node:os'
import { app } from 'electron'
import type { AppInfo } from '@shared/domain/app-info'
import { buildAppInfo, resolveDataDir } from '../../core'
import { THUMB_BASE } from '../thumb-protocol'

/** Points Electron's userData at the shared data folder (so the CLI sees the same jobs). */
export function useSharedDataDir(): string {
  const dataDir = resolveDataDir(process.platform, process.env, homedir())
  app.setPath('userData', dataDir)
  return dataDir
}

/** App info from Electron's `app` and the running process. */
export function electronAppInfo(): AppInfo {
  return buildAppInfo({
    version: app.getVersion(),
    dataDir: app.getPath('userData'),
    platform: process.platform,
    arch: process.arch,
    versions: process.versions,
    thumbnailBase: THUMB_BASE
  })
}
