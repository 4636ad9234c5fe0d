import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/simulator/server'
import { ROOT, launchChromium } from './helpers/app-page'
import { photoFolder } from './helpers/photos'
import { openWindow, type WindowHarness } from './helpers/window-harness'
import { runStatus } from './helpers/window-steps'

/**
 * Every screen at a 1024×640 laptop and a 1920×1080 desktop, in English and 简体中文: the queue,
 * the rate panel while a key is held back, the offline banner, the stop banner, the review desk,
 * Settings and the Studio tab. Nothing labelled may be clipped at either size. `npm run screenshots` writes the
 * pictures into docs/screenshots/screens (the README shows them); a test run keeps them in
 * test-results.
 */
const SHOTS = process.env.UPDATE_SCREENSHOTS
  ? join(ROOT, 'docs', 'screenshots', 'screens')
  : join(ROOT, 'test-results', 'screens')
const SIZES = [
  { name: '1024', width: 1024, height: 640 },
  { name: '1920', width: 1920, height: 1080 }
] as const
const LANGUAGES = ['en', 'zh-CN'] as const
const KEY = 'sk-test-screens-e2e-7f6e5d4c'

let browser: Browser
let harness: WindowHarness
let sim: Simulator

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  browser = await launchChromium()
})
afterAll(async () => {
  await harness?.close()
  await sim?.close()
  await browser?.close()
})

/**
 * Labelled elements whose text is cut off (wider than their box), by their text. Text meant to end
 * in an ellipsis (`.truncate`: file names, first lines) is not a clip.
 */
function clipped(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const labelled = document.querySelectorAll(
      'button, label, summary, h1, h2, h3, h4, dt, [role="alert"] strong, .chip, .badge, select'
    )
    // A button squeezed into a column of one-word lines is as unreadable as a clipped one.
    const squeezed = (el: Element): boolean =>
      el.tagName === 'BUTTON' &&
      (el.textContent ?? '').trim() !== '' &&
      el.querySelector('img') === null &&
      el.getBoundingClientRect().height > 3 * parseFloat(getComputedStyle(el).fontSize) * 1.4
    return [...labelled]
      .filter((el) => (el as HTMLElement).offsetParent !== null)
      .filter(
        (el) => !el.closest('.truncate') && (el.scrollWidth > el.clientWidth + 1 || squeezed(el))
      )
      .map((el) => `${el.tagName.toLowerCase()}: ${(el.textContent ?? '').trim().slice(0, 60)}`)
  })
}

/** Switches the window's language the way Settings does, then reloads into it. */
async function useLanguage(page: Page, language: (typeof LANGUAGES)[number]): Promise<void> {
  await harness.workspace.deps.connection.settings.update({
    section: 'uiLanguage',
    value: language
  })
  await page.reload()
  await page.waitForSelector('[data-ready="true"]')
}

/**
 * Shoots one screen at both sizes in both languages (`prepare` brings it back after the reload a
 * language switch takes) and returns what was clipped, by picture.
 */
async function shoot(
  page: Page,
  screen: string,
  prepare: () => Promise<void> = async () => {}
): Promise<string[]> {
  const clips: string[] = []
  for (const language of LANGUAGES) {
    await useLanguage(page, language)
    await prepare()
    for (const size of SIZES) {
      await page.setViewportSize({ width: size.width, height: size.height })
      await page.waitForTimeout(250)
      for (const clip of await clipped(page))
        clips.push(`${screen}-${size.name}-${language} ${clip}`)
      await page.screenshot({ path: join(SHOTS, `${screen}-${size.name}-${language}.png`) })
    }
  }
  return clips
}

describe('every screen at laptop and desktop size, in English and 简体中文', () => {
  it('queue, rate panel, offline and stop banners, review desk, Settings: pictures, and nothing clipped', async () => {
    // A key held to 20 requests a minute that goes away for 25 s after 4 requests and runs out of
    // credit after 14: every banner and the rate panel's states, in one run.
    sim = await startSimulator({
      latencyMs: 20,
      defaultKey: { rpm: 20, burstSeconds: 1, quotaAfter: 14 },
      outage: { afterRequests: 4, durationMs: 25_000 }
    })
    harness = await openWindow(browser, {
      env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: sim.url },
      viewport: { width: 1920, height: 1080 }
    })
    const page = harness.page
    const photos = await photoFolder(24)
    await harness.dropFiles(photos.paths)
    await page.waitForSelector('[data-testid="estimate"]')
    const clips = await shoot(page, 'queue', () =>
      page.waitForSelector('[data-testid="estimate-now"]').then(() => undefined)
    )
    // At laptop size the jobs list folds away behind the header's Jobs button.
    await page.setViewportSize({ width: 1024, height: 640 })
    expect(await page.locator('.sidebar').isVisible()).toBe(false)
    await page.getByTestId('jobs-toggle').click()
    expect(await page.locator('.sidebar').isVisible()).toBe(true)
    await page.getByTestId('jobs-toggle').click()
    await page.getByRole('button', { name: /^(Run|运行)$/ }).click()
    await page.waitForSelector('[data-testid="offline-banner"]', { timeout: 30_000 })
    clips.push(
      ...(await shoot(page, 'offline', () =>
        page.waitForSelector('[data-testid="offline-banner"]').then(() => undefined)
      ))
    )
    // Back online: the panel says how fast the run goes against the plan.
    await page.waitForSelector('[data-testid="offline-banner"]', {
      state: 'detached',
      timeout: 40_000
    })
    await page.waitForSelector('[data-testid="pace-words"]:not([data-pace="starting"])')
    clips.push(...(await shoot(page, 'rate-panel')))
    await runStatus(page, 'stopped', 90_000)
    clips.push(...(await shoot(page, 'stop-banner')))
    const openDesk = async (): Promise<void> => {
      await page
        .getByRole('button', { name: /^(Review|审核) / })
        .first()
        .click()
      await page.waitForSelector('[data-testid="review-pane"]')
    }
    clips.push(...(await shoot(page, 'review', openDesk)))
    const openSettings = async (): Promise<void> => {
      await page
        .getByRole('button', { name: /(Settings|设置)$/ })
        .first()
        .click()
      await page.waitForSelector('[data-testid="settings-keys"]')
    }
    clips.push(...(await shoot(page, 'settings', openSettings)))
    // Settings → Defaults → Shop files, scrolled into view.
    const openShopFiles = async (): Promise<void> => {
      if (await page.getByTestId('shop-defaults').isVisible()) return
      await page.keyboard.press('Escape')
      await openSettings()
      await page.getByRole('tab', { name: /^(Defaults|默认值)$/ }).click()
      await page.getByTestId('shop-defaults').scrollIntoViewIfNeeded()
    }
    clips.push(...(await shoot(page, 'shop-settings', openShopFiles)))
    // The export dialog with a shop file chosen: grouping and where the photos are published.
    const openExport = async (): Promise<void> => {
      if (await page.getByTestId('export-image-url-base').isVisible()) return
      await page.keyboard.press('Escape')
      await page.getByRole('button', { name: /(Export|导出)$/ }).click()
      await page
        .getByRole('radio', { name: /^Shopify( |（)/ })
        .first()
        .check()
      await page.getByTestId('export-image-url-base').waitFor()
    }
    clips.push(...(await shoot(page, 'export', openExport)))
    // The Studio tab beside Copy: recipe, fields, estimate at the key's images per minute.
    const openStudio = async (): Promise<void> => {
      if (await page.getByTestId('studio-panel').isVisible()) return
      await page.keyboard.press('Escape')
      await page.getByRole('tab', { name: /^(Studio|工作室)$/ }).click()
      await page.getByTestId('studio-estimate').waitFor()
    }
    clips.push(...(await shoot(page, 'studio', openStudio)))
    expect(clips).toEqual([])
    expect(harness.problems).toEqual([])
  })
})
