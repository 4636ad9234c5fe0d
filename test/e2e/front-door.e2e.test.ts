import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import iconv from 'iconv-lite'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/simulator/server'
import { ROOT, launchChromium } from './helpers/app-page'
import { photoFolder } from './helpers/photos'
import { openWindow, type WindowHarness } from './helpers/window-harness'
import { addKey, closeSettings, useCustomEndpoint } from './helpers/settings-steps'
import { chatRequests, dropAndRun, runStatus } from './helpers/window-steps'
import { testSettings } from '../helpers/job-fixtures'

/** The window's front door, clicked as a person would: each test here failed on the old main. */
const SHOTS = join(ROOT, 'test-results')
const KEY = 'sk-test-front-door-e2e-5e6f7a8b'
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

async function windowOnSim() {
  const sim = await startSimulator({ latencyMs: 80 })
  const harness = await openWindow(browser, {
    env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: sim.url }
  })
  opened = { harness, sim }
  return { sim, harness, page: harness.page }
}

describe('the window front door', () => {
  it('a double-click on Run starts one job: every photo sent and billed once', async () => {
    const { sim, harness, page } = await windowOnSim()
    const photos = await photoFolder(8)
    await harness.dropFiles(photos.paths)
    await page.waitForSelector('[data-testid="estimate"]')
    await page.getByRole('button', { name: 'Run', exact: true }).dblclick()
    await runStatus(page, 'completed')
    expect(chatRequests(sim.log)).toBe(8)
    expect([...sim.log.billedByImage().values()].every((n) => n === 1)).toBe(true)
    expect((await harness.workspace.jobEntries()).filter((job) => !job.sample)).toHaveLength(1)
  })

  it('a product sheet Excel saved in GBK reads as typed, says so, and can be read in another encoding', async () => {
    const { harness, page } = await windowOnSim()
    const photos = await photoFolder(3)
    await harness.dropFiles(photos.paths)
    await page.waitForSelector('[data-testid="estimate"]')
    const sheet = join(photos.dir, 'products.csv')
    const text =
      'file,brand,keywords\r\nproduct-001.jpg,华为智能手机,高端 旗舰 拍照 手机\r\nproduct-002.jpg,小米电视,大屏 高清 智能 电视\r\n'
    writeFileSync(sheet, iconv.encode(text, 'gbk'))
    harness.desktop.sheet = sheet
    await page.getByRole('button', { name: /Attach product sheet/ }).click()
    await page.waitForSelector('[data-testid="sheet-encoding"]')
    expect(await page.textContent('[data-testid="sheet-matches"]')).toBe(
      'Product sheet products.csv: 2 of 3 photos matched'
    )
    const picker = page.getByLabel('Encoding of the product sheet')
    expect(await picker.inputValue()).toBe('gb18030')
    expect(await page.textContent('[data-testid="sheet-encoding"]')).toContain('detected')
    await page.locator('.run-panel').screenshot({ path: join(SHOTS, 'sheet-encoding.png') })
    // The sheet's brands went to the job as typed (not mojibake).
    const draft = harness.workspace.openDraft()!
    expect(draft.sheet!.context['product-001.jpg'].brand).toBe('华为智能手机')
    await picker.selectOption('windows-1252')
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="sheet-encoding"]')?.textContent?.includes('your choice')
    )
    expect(harness.workspace.openDraft()!.sheet!.encoding).toEqual({
      encoding: 'windows-1252',
      how: 'chosen'
    })
  })

  it('the SKU pattern beside a sheet: a live preview, common patterns, and a one-product pattern refused in words', async () => {
    const { harness, page } = await windowOnSim()
    const photos = await photoFolder(3)
    await harness.dropFiles(photos.paths)
    await page.waitForSelector('[data-testid="estimate"]')
    const sheet = join(photos.dir, 'products.csv')
    writeFileSync(sheet, 'sku,brand\r\n001,Acme\r\n003,Bolt\r\n')
    harness.desktop.sheet = sheet
    await page.getByRole('button', { name: /Attach product sheet/ }).click()
    const preview = page.getByTestId('sku-preview')
    await preview.waitFor()
    expect(await preview.textContent()).toMatch(/^Matched 0 of 3; unmatched: product-00\d\.jpg/)
    // A preset whose group is the part before the hyphen: "product" for all three — refused.
    await page.getByLabel('SKU in the file name').selectOption('^([^-]+)-')
    await page.getByTestId('sku-problem').waitFor()
    expect(await page.textContent('[data-testid="sku-problem"]')).toBe(
      'The SKU pattern puts all 3 photos into one product (“product”): its group should catch the part of the name that differs from product to product.'
    )
    // The user's own pattern: the digits; the preview follows as it is typed.
    await page.getByLabel('The SKU pattern').fill('-(\\d+)\\.')
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="sku-preview"]')?.textContent?.startsWith('Matched 2')
    )
    expect(await preview.textContent()).toBe(
      'Matched 2 of 3; unmatched: product-002.jpg · 3 products'
    )
    expect(harness.workspace.openDraft()!.options.skuPattern).toBe('-(\\d+)\\.')
    await page.locator('.run-panel').screenshot({ path: join(SHOTS, 'sku-pattern.png') })
  })

  it('a job stopped on one endpoint is refused on another, and "Move this job…" moves it after a confirmation', async () => {
    const a = await startSimulator({ latencyMs: 20, defaultKey: { quotaAfter: 2 } })
    const b = await startSimulator({ latencyMs: 20 })
    const harness = await openWindow(browser, { env: {} })
    opened = { harness, sim: a }
    const page = harness.page
    try {
      await useCustomEndpoint(page, a.url)
      await addKey(page, 'For A', `${KEY}-a`)
      await closeSettings(page)
      const photos = await photoFolder(5)
      await dropAndRun(harness, photos.paths)
      await runStatus(page, 'stopped')
      await useCustomEndpoint(page, b.url)
      await addKey(page, 'For B', `${KEY}-b`)
      await closeSettings(page)
      await page.getByRole('button', { name: 'Resume — nothing is lost' }).click()
      const move = page.getByRole('button', { name: 'Move this job…' })
      await move.waitFor()
      expect(await page.textContent('.notices')).toContain(`${a.url} → ${b.url}`)
      await page.screenshot({ path: join(SHOTS, 'move-job.png') })
      expect(chatRequests(b.log)).toBe(0)
      let asked = ''
      page.once('dialog', (dialog) => {
        asked = dialog.message()
        void dialog.accept()
      })
      await move.click()
      await runStatus(page, 'completed')
      expect(asked).toContain('billed there')
      expect(
        b.log.entries.filter((e) => e.outcome === 'ok' && e.path.endsWith('/chat/completions'))
      ).toHaveLength(3)
    } finally {
      await b.close()
    }
  })

  it('an unfinished job on a dying model is offered at start, and "Switch job to gpt-6-luna" asks the photos left with it', async () => {
    const sim = await startSimulator({ latencyMs: 20 })
    const env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: sim.url }
    // Yesterday's session: a job saved on gpt-4.1-mini, never run.
    const before = await openWindow(browser, { env })
    const photos = await photoFolder(4)
    const ws = before.workspace
    const endpoint = ws.deps.connection.endpoint()
    const job = await ws.service.create(
      testSettings([photos.dir], { model: 'gpt-4.1-mini', endpoint })
    )
    await before.close()
    const harness = await openWindow(browser, { env, dataDir: before.dataDir })
    opened = { harness, sim }
    const page = harness.page
    const offers = page.locator('[data-testid="model-offers"]')
    await offers.waitFor()
    expect(await offers.textContent()).toContain(
      `Unfinished job “${job.settings.name}” (4 photos left) asks gpt-4.1-mini, which shuts down on 2027-01-14; gpt-6-luna replaces it.`
    )
    await page.screenshot({ path: join(SHOTS, 'model-offers.png') })
    expect(chatRequests(sim.log)).toBe(0)
    let asked = ''
    page.once('dialog', (dialog) => {
      asked = dialog.message()
      void dialog.accept()
    })
    await page.getByRole('button', { name: 'Switch job to gpt-6-luna' }).click()
    await offers.waitFor({ state: 'detached' })
    expect(asked).toContain('Ask the 4 photos left')
    // Switching sends nothing; Resume does, with the replacement only.
    expect(chatRequests(sim.log)).toBe(0)
    await page.getByRole('button', { name: 'Resume' }).click()
    await runStatus(page, 'completed')
    const models = sim.log.entries
      .filter((entry) => entry.path.includes('/chat/completions'))
      .map((entry) => (entry as { model?: string }).model)
    expect(models).toEqual(Array(4).fill('gpt-6-luna'))
  })
})
