import { join } from 'node:path'

/** The app's name as Electron uses it for its data folder (package.json productName). */
export const APP_DIR_NAME = 'Photoscribe'

/**
 * Where jobs, caches and settings live: `PHOTOSCRIBE_DATA_DIR` if set, else the folder Electron
 * calls `userData`, so the desktop app and the CLI share jobs.
 */
export function resolveDataDir(
  platform: NodeJS.Platform,
  env: NodeJS.ProcessEnv,
  home: string
): string {
  if (env.PHOTOSCRIBE_DATA_DIR) return env.PHOTOSCRIBE_DATA_DIR
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', APP_DIR_NAME)
  if (platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), APP_DIR_NAME)
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), APP_DIR_NAME)
}

/** The data folder's layout, built in this one place. */
export function dataLayout(dataDir: string): {
  jobs: string
  job: (id: string) => string
  templates: string
  /** A person's own photo-studio recipes. */
  recipes: string
  imageCache: string
  /** The photo studio's made images, by photo bytes and recipe. */
  studioCache: string
  resultCache: string
  learnedUsage: string
  /** Per-key leases: how processes on this machine split a key's rate. */
  leases: string
} {
  return {
    jobs: join(dataDir, 'jobs'),
    job: (id) => join(dataDir, 'jobs', id),
    templates: join(dataDir, 'templates'),
    recipes: join(dataDir, 'recipes'),
    imageCache: join(dataDir, 'cache', 'images'),
    studioCache: join(dataDir, 'cache', 'studio'),
    resultCache: join(dataDir, 'cache', 'results'),
    learnedUsage: join(dataDir, 'cache', 'learned-usage.json'),
    leases: join(dataDir, 'leases')
  }
}
