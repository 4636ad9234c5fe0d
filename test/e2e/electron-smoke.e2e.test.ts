import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { _electron } from 'playwright-core'
import { describe, expect, it } from 'vitest'
import { ROOT } from './helpers/app-page'

/** The downloaded Electron binary, or null (it cannot be downloaded on these machines). */
function electronBinary(): string | null {
  const dir = join(ROOT, 'node_modules/electron')
  const pathFile = join(dir, 'path.txt')
  if (!existsSync(pathFile)) return null
  const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim())
  return existsSync(binary) ? binary : null
}

const binary = electronBinary()
if (!binary) {
  console.log(
    'Skipping the real-Electron smoke test: no Electron binary in node_modules/electron/dist (it is fetched on first use and this machine has no network). Run `npx electron --version` once online to enable it.'
  )
}

describe('real Electron', () => {
  it.skipIf(!binary)(
    'opens the sandboxed window and shows app info from main',
    async () => {
      const app = await _electron.launch({
        executablePath: binary!,
        args: [join(ROOT, 'out/main/index.js')],
        env: { ...process.env, PHOTOSCRIBE_DATA_DIR: join(ROOT, 'test-results/electron-data') }
      })
      const page = await app.firstWindow()
      await page.waitForSelector('[data-ready="true"]')
      expect(await page.textContent('[data-testid="app-info"]')).toContain('Photoscribe')
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
        'undefined'
      )
      // The demo end to end: its simulator is loaded on demand, the photos finish, the export saves.
      await page.getByRole('button', { name: 'Try the demo (no key needed)' }).click()
      await page.waitForSelector('[data-testid="queue-list"]')
      await page.waitForFunction(
        () => /100%/.test(document.querySelector('[aria-label="Job progress"]')?.textContent ?? ''),
        undefined,
        { timeout: 120_000 }
      )
      const saved = join(ROOT, 'test-results/electron-data/demo-export.xlsx')
      await app.evaluate(({ dialog }, filePath) => {
        dialog.showSaveDialog = (async () => ({ canceled: false, filePath })) as never
      }, saved)
      await page.keyboard.press('Control+E')
      await expect.poll(() => existsSync(saved), { timeout: 30_000 }).toBe(true)
      expect(readFileSync(saved).subarray(0, 2).toString()).toBe('PK')
      await app.close()
    },
    180_000
  )
})
