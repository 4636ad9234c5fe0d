import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { WINDOW_API_KEYS } from '../helpers/window-api'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pkg from '../../package.json'
import { createHandlers } from '../../src/main/ipc/handlers'
import { createRouter } from '../../src/main/ipc/router'
import { senderCheck } from '../../src/main/ipc/sender'
import { tempDir } from '../helpers/temp'
import { testWorkspace } from '../helpers/workspace'
import { ROOT, bridgePreload, launchChromium } from './helpers/app-page'
import { serveFolder } from './helpers/static-server'
import { openWindow } from './helpers/window-harness'

const OUTPUT = join(ROOT, 'test-results')
let browser: Browser
let site: Awaited<ReturnType<typeof serveFolder>>

beforeAll(async () => {
  mkdirSync(OUTPUT, { recursive: true })
  site = await serveFolder(join(ROOT, 'out/renderer'))
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  await site?.close()
})

describe('renderer in Chromium, bridged to the real main router', () => {
  it('shows the app info that came from main, and Settings', async () => {
    const harness = await openWindow(browser, { env: { OPENAI_API_KEY: 'sk-test-shell-1234' } })
    const { page } = harness
    const footer = await page.textContent('[data-testid="app-info"]')
    expect(footer).toContain(`Photoscribe ${pkg.version}`)
    expect(footer).toContain(`Data: ${harness.dataDir}`)
    expect(await page.isVisible('text=Drop photos or folders here')).toBe(true)
    await page.click('button:has-text("Settings")')
    expect(await page.textContent('dialog')).toContain(
      'Using OPENAI_API_KEY from the environment (sk-…1234)'
    )
    await page.click('role=tab[name="Language & about"]')
    expect(await page.textContent('dialog')).toContain(`node ${process.versions.node}`)
    await page.screenshot({ path: join(OUTPUT, 'settings.png') })
    expect(
      await page.evaluate(() => Object.keys((globalThis as unknown as { api: object }).api).sort())
    ).toEqual(WINDOW_API_KEYS)
    expect(harness.problems).toEqual([])
    await harness.close()
  })

  it('refuses IPC from a page the router does not trust', async () => {
    const workspace = testWorkspace(await tempDir('shell'), {})
    const router = createRouter(
      createHandlers({
        appInfo: () => {
          throw new Error('must not be called')
        },
        workspace
      }),
      senderCheck('http://127.0.0.1:1/')
    )
    const page = await browser.newPage()
    await bridgePreload(page, router)
    await page.goto(site.url)
    await page.waitForSelector('[data-ready="true"]')
    expect(await page.textContent('[role="alert"]')).toContain(
      'did not come from the Photoscribe window'
    )
    await page.close()
  })

  it('shows the missing-bridge screen when opened without the preload', async () => {
    const page = await browser.newPage()
    await page.goto(site.url)
    expect(await page.textContent('[role="alert"]')).toContain('can’t reach its engine')
    await page.close()
  })
})
