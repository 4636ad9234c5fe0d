import { mkdirSync, mkdtempSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import pkg from '../../package.json'
import { buildAppInfo } from '../../src/main/core/app-info'
import { createHandlers } from '../../src/main/ipc/handlers'
import { createRouter } from '../../src/main/ipc/router'
import { senderCheck } from '../../src/main/ipc/sender'
import { ROOT, bridgePreload, launchChromium, watchProblems } from './helpers/app-page'
import { serveFolder } from './helpers/static-server'

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
    const dataDir = mkdtempSync(join(tmpdir(), 'photoscribe-e2e-'))
    const appInfo = () =>
      buildAppInfo({
        version: pkg.version,
        dataDir,
        platform: process.platform,
        arch: process.arch,
        versions: process.versions
      })
    const router = createRouter(createHandlers({ appInfo }), senderCheck(site.url))
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } })
    const problems = watchProblems(page)
    await bridgePreload(page, router)
    await page.goto(site.url)
    await page.waitForSelector('[data-ready="true"]')
    const footer = await page.textContent('[data-testid="app-info"]')
    expect(footer).toContain(`Photoscribe ${pkg.version}`)
    expect(footer).toContain(`Data: ${dataDir}`)
    expect(footer).toContain(process.platform)
    expect(await page.isVisible('text=Drop photos or folders here')).toBe(true)
    await page.screenshot({ path: join(OUTPUT, 'shell.png') })
    await page.click('button:has-text("Settings")')
    expect(await page.textContent('dialog')).toContain(`node ${process.versions.node}`)
    await page.screenshot({ path: join(OUTPUT, 'settings.png') })
    expect(
      await page.evaluate(() => Object.keys((globalThis as unknown as { api: object }).api))
    ).toEqual(['getAppInfo'])
    expect(problems).toEqual([])
    expect(site.failures).toEqual([])
  })

  it('refuses IPC from a page the router does not trust', async () => {
    const router = createRouter(
      createHandlers({
        appInfo: () => {
          throw new Error('must not be called')
        }
      }),
      senderCheck('http://127.0.0.1:1/')
    )
    const page = await browser.newPage()
    await bridgePreload(page, router)
    await page.goto(site.url)
    await page.waitForSelector('[data-ready="true"]')
    expect(await page.textContent('footer')).toContain('did not come from the Photoscribe window')
  })

  it('shows the missing-bridge screen when opened without the preload', async () => {
    const page = await browser.newPage()
    await page.goto(site.url)
    expect(await page.textContent('[role="alert"]')).toContain('can’t reach its engine')
  })
})
