import { copyFileSync, mkdirSync, mkdtempSync, readdirSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/simulator/server'
import { samplesDir } from '../../src/simulator/demo-setup'
import { useEndpoint } from '../helpers/door'
import { ROOT, launchChromium } from './helpers/app-page'
import { openWindow, type WindowHarness } from './helpers/window-harness'

/**
 * The Studio tab used as a marketer would: the shipped sample photos dropped in, a recipe picked,
 * the estimate read, a budget too small (cheaper ways offered, one picked), the run watched with
 * each key's pace, then one image compared before/after and approved by keyboard.
 */
const SHOTS = join(ROOT, 'docs', 'screenshots')
const KEY = 'sk-test-studio-e2e-9c8b7a6d'
let browser: Browser
let opened: { harness?: WindowHarness; sim?: Simulator } = {}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  browser = await launchChromium()
})
afterEach(async () => {
  await opened.harness?.close()
  await opened.sim?.close()
  opened = {}
})
afterAll(async () => {
  await browser?.close()
})

/** The sample product photos, copied (the originals are the app's own). */
function samplePhotos(): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'photoscribe-studio-photos-'))
  const names = readdirSync(samplesDir()).filter((name) => name.endsWith('.jpg'))
  for (const name of names) copyFileSync(join(samplesDir(), name), join(dir, name))
  return names.map((name) => join(dir, name))
}

const text = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .textContent()
    .then((t) => t ?? '')

const rowsWith = (page: Page, status: string) =>
  page.locator(`[data-testid="studio-row"][data-status="${status}"]`).count()

describe('the Studio tab', () => {
  it('estimates, offers cheaper ways over budget, runs at the key’s images per minute, and approves an image from the before/after view', async () => {
    const sim = await startSimulator({
      defaultKey: { ipm: 90, burstSeconds: 2 },
      latencyMs: 500,
      latencyJitterMs: 300,
      seed: 3
    })
    const harness = await openWindow(browser, { viewport: { width: 1920, height: 1080 } })
    opened = { harness, sim }
    const settings = harness.workspace.deps.connection.settings
    await useEndpoint(settings, sim.url)
    await settings.addKey('Main', KEY)
    await settings.setKeyLimits(settings.value.keys[0].id, 'gpt-image-2', {
      source: 'custom',
      rpm: 120,
      tpm: 1_000_000
    })
    const page = harness.page
    const photos = samplePhotos()
    await harness.dropFiles(photos)
    await page.waitForSelector('[data-testid="estimate"]')

    await page.getByRole('tab', { name: 'Studio' }).click()
    const panel = page.locator('[data-testid="studio-panel"]')
    await panel.waitFor()
    expect(await text(page, '[data-testid="studio-estimate"]')).toMatch(
      new RegExp(
        `^${photos.length} images · ≈ \\$[\\d.]+ \\(≈ \\$[\\d.]+ an image\\) · .* at 120 images/min`
      )
    )
    // Nothing can start before an output folder is chosen.
    expect(await panel.getByRole('button', { name: 'Make images' }).isDisabled()).toBe(true)
    const out = join(mkdtempSync(join(tmpdir(), 'photoscribe-studio-out-')), 'marketplace')
    harness.desktop.folder = out
    await panel.getByRole('button', { name: 'Choose…' }).click()
    await page.waitForFunction(
      (dir) => document.querySelector('[data-testid="studio-panel"]')?.textContent?.includes(dir),
      out
    )

    // High quality on a $0.20 budget does not fit: cheaper ways are offered; one is picked.
    await panel.locator('select').nth(2).selectOption('high')
    const budget = panel.getByLabel('Budget (US$)')
    await budget.fill('0.2')
    await budget.press('Enter')
    const offer = page.locator('[data-testid="studio-cheaper"] button').filter({ hasText: /^Low/ })
    await offer.first().waitFor()
    expect(await panel.getByRole('button', { name: 'Make images' }).isDisabled()).toBe(true)
    expect(sim.log.entries).toHaveLength(0)
    await offer.first().click()
    await page.waitForFunction(
      () => !document.querySelector('[data-testid="studio-cheaper"]'),
      undefined,
      { timeout: 5_000 }
    )
    expect(await panel.locator('select').nth(2).inputValue()).toBe('low')

    await panel.getByRole('button', { name: 'Make images' }).click()
    await page.locator('[data-testid="studio-lanes"]').waitFor()
    await page.waitForFunction(
      () => document.querySelectorAll('[data-testid="studio-row"][data-status="made"]').length >= 3
    )
    await page.screenshot({ path: join(SHOTS, 'studio-1920.png') })
    await page.waitForFunction(
      (n) =>
        document.querySelectorAll('[data-testid="studio-row"][data-status="made"]').length === n,
      photos.length,
      { timeout: 60_000 }
    )
    expect(await text(page, '[data-testid="studio-counts"]')).toBe(
      `${photos.length} photos · ${photos.length} made`
    )
    const edits = sim.log.entries.filter((e) => e.path === '/v1/images/edits')
    const billed = edits.filter((e) => e.outcome === 'ok').map((e) => e.images?.[0]?.sha256)
    expect(new Set(billed).size).toBe(photos.length)
    expect(billed).toHaveLength(photos.length)
    expect(readdirSync(out).filter((n) => n.endsWith('.white-background.jpg'))).toHaveLength(
      photos.length
    )

    // Before/after of the first: the slider moves the cut; A approves.
    await page.getByRole('button', { name: 'Before / after' }).first().click()
    const compare = page.locator('[data-testid="studio-compare"]')
    await compare.waitFor()
    await page.waitForFunction(() =>
      [...document.querySelectorAll('.compare-frame img')].every(
        (img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0
      )
    )
    await compare.getByLabel('Before / after divider').fill('40')
    await page.screenshot({ path: join(SHOTS, 'studio-compare-1920.png') })
    await page.keyboard.press('a')
    await compare.getByRole('button', { name: 'Take back approval' }).waitFor()
    await page.keyboard.press('j')
    await page.keyboard.press('a')
    await page.waitForFunction(() =>
      /2 approved/.test(document.querySelector('[data-testid="studio-counts"]')?.textContent ?? '')
    )
    await page.keyboard.press('Escape')
    await panel.waitFor()
    expect(await rowsWith(page, 'made')).toBeGreaterThan(0)
    expect(harness.problems).toEqual([])
  })
})
