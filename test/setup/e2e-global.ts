import { existsSync } from 'node:fs'
import { join } from 'node:path'

/** Builds the app once when `out/` is missing (npm test builds before vitest runs). */
export default async function setup(): Promise<void> {
  const root = join(import.meta.dirname, '../..')
  if (
    existsSync(join(root, 'out/renderer/index.html')) &&
    existsSync(join(root, 'out/preload/index.js'))
  )
    return
  const { build } = await import('electron-vite')
  await build({ root, configFile: join(root, 'electron.vite.config.ts') })
}
