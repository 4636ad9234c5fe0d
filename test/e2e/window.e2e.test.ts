/// <reference lib="dom" />
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ExcelJS from 'exceljs'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/simulator/server'
import type { SimulatorOverrides } from '../../src/simulator/options'
import { ROOT, launchChromium } from './helpers/app-page'
import { photoFolder } from './helpers/photos'
import { openWindow, type WindowHarness } from './helpers/window-harness'
import {
  chatRequests,
  countsShow,
  dropAndRun,
  expectNoKey,
  rowsWith,
  runStatus
} from './helpers/window-steps'

const SHOTS = join(ROOT, 'test-results')
const KEY = 'sk-test-SENTINEL-e2e-9f8e7d6c5b4a'
let browser: Browser
let opened: { harness?: WindowHarness; sims: Simulator[] } = { sims: [] }

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  browser = await launchChromium()
})

afterEach(async () => {
  if (opened.harness) expectNoKey(opened.harness, KEY)
  await opened.harness?.close()
  for (const sim of opened.sims) await sim.close()
  opened = { sims: [] }
})

afterAll(async () => {
  await browser?.close()
})

async function windowOnSim(simOptions: SimulatorOverrides = {}) {
  const sim = await startSimulator({ latencyMs: 50, ...simOptions })
  const harness = await openWindow(browser, {
    env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: sim.url }
  })
  opened = { harness, sims: [sim] }
  return { sim, harness, page: harness.page }
}

describe('the window, on the real engine and the simulator', () => {
  it('drops 30 photos: 28 done, the corrupt one and the text file fail with reasons; no Retry is offered for them', async () => {
    const { sim, harness, page } = await windowOnSim()
    const photos = await photoFolder(28, true)
    await harness.dropFiles(photos.paths)
    await page.waitForSelector('[data-testid="estimate-now"]')
    expect(await page.locator('[data-row-id]').count()).toBeGreaterThan(0)
    await page.screenshot({ path: join(SHOTS, 'queue-estimate.png') })
    // A tile-priced model, where detail changes what an image costs; it shuts down on 2027-01-14,
    // which the queue says with a switch to its replacement.
    await page.locator('.options select').nth(2).selectOption('gpt-4o')
    await page.waitForSelector('[data-testid="model-notice"]')
    expect(await page.textContent('[data-testid="model-notice"]')).toContain(
      'gpt-4o shuts down on 2027-01-14; gpt-6-luna replaces it.Switch to gpt-6-luna'
    )
    await page.screenshot({ path: join(SHOTS, 'model-notice.png') })
    // The estimate grows as headers are read; compare detail levels once every size is read (a
    // figure taken mid-read flaked on a loaded machine).
    await page.waitForFunction(
      () =>
        !document.querySelector('[data-testid="estimate"]')?.textContent?.includes('read so far'),
      undefined,
      { timeout: 10_000 }
    )
    const low = await page.textContent('[data-testid="estimate-now"]')
    await page.locator('.options select').nth(3).selectOption('high')
    await page.waitForFunction(
      (before) => document.querySelector('[data-testid="estimate-now"]')?.textContent !== before,
      low,
      { timeout: 5000 }
    )
    expect(await page.locator('.options select').nth(3).inputValue()).toBe('high')
    await page.locator('.options select').nth(3).selectOption('low')
    await page.waitForFunction(
      (before) => document.querySelector('[data-testid="estimate-now"]')?.textContent === before,
      low,
      { timeout: 5000 }
    )
    await page.getByRole('button', { name: 'Run', exact: true }).click()
    await runStatus(page, 'completed')
    const words = await page.textContent('[data-testid="progress-words"]')
    expect(words).toContain('28 done')
    expect(words).toContain('2 failed')
    await page.selectOption('select[aria-label="Show"]', 'failed')
    expect(await rowsWith(page, 'failed')).toBe(2)
    const reasons = await page.locator('.row-reason').allTextContents()
    expect(reasons.join(' ')).toMatch(/damaged|not an image|can't|cannot/i)
    expect(await page.textContent('.failure-groups')).toMatch(/1 · (file is damaged|not an image)/)
    await page.screenshot({ path: join(SHOTS, 'failures.png') })
    expect(chatRequests(sim.log)).toBe(28)
    // Neither failure can succeed on a retry: no Retry anywhere, and each row says why.
    expect(await page.getByRole('button', { name: /Retry/ }).count()).toBe(0)
    expect(await page.locator('.no-retry').count()).toBe(2)
    expect(await page.textContent('.failure-groups')).toMatch(/Retry won’t help/)
    expect(chatRequests(sim.log)).toBe(28)
    expect(await rowsWith(page, 'failed')).toBe(2)
    expect(harness.problems).toEqual([])
  })

  it('shows a 429 countdown under a tight limit, then finishes; the XLSX export reads back', async () => {
    const { harness, page } = await windowOnSim({
      rateLimitHeaders: false,
      defaultKey: { rpm: 60, burstSeconds: 1 }
    })
    const photos = await photoFolder(12)
    // A model with published tier-1 limits (500/min), which this endpoint's 60/min undercuts.
    await dropAndRun(harness, photos.paths, 'gpt-4.1-mini')
    await page.waitForSelector('[data-testid="cooling"]', { timeout: 20_000 })
    expect(await page.textContent('[data-testid="cooling"]')).toMatch(
      /waits \d+ s — OpenAI said too many requests this minute/
    )
    await page.screenshot({ path: join(SHOTS, 'cooling-down.png') })
    await runStatus(page, 'completed')
    await page.screenshot({ path: join(SHOTS, 'finished.png') })
    const out = join(mkdtempSync(join(tmpdir(), 'photoscribe-export-')), 'results.xlsx')
    harness.desktop.savePath = out
    await page.getByRole('button', { name: /Export/ }).click()
    await page.getByRole('button', { name: 'Save…' }).click()
    await page.waitForSelector('.export-saved')
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(out)
    const sheet = book.worksheets[0]
    expect(sheet.rowCount).toBe(13)
    const headers = (sheet.getRow(1).values as string[]).map(String)
    const copy = headers.findIndex((h) => /description/i.test(h) && !/characters/.test(h))
    expect(copy).toBeGreaterThan(0)
    const texts = sheet.getColumn(copy).values.slice(2).map(String)
    expect(texts.filter((text) => text.length > 40)).toHaveLength(12)
  })

  it('stops on quota with a banner; Resume against a healthy endpoint finishes, no photo answered twice', async () => {
    const { sim, harness, page } = await windowOnSim({ defaultKey: { quotaAfter: 8 } })
    const photos = await photoFolder(30)
    await dropAndRun(harness, photos.paths)
    await runStatus(page, 'stopped', 20_000)
    const banner = page.locator('[role="alert"][data-stop-kind="quota"]')
    expect(await banner.textContent()).toContain('out of credit')
    await page.screenshot({ path: join(SHOTS, 'stopped-quota.png') })
    const port = Number(new URL(sim.url).port)
    await sim.close()
    const healthy = await startSimulator({ latencyMs: 50, port })
    opened.sims.push(healthy)
    await banner.getByRole('button', { name: /Resume/ }).click()
    await runStatus(page, 'completed')
    expect(await page.textContent('[data-testid="progress-words"]')).toContain('30 done')
    const answered = new Map<string, number>()
    for (const log of [sim.log, healthy.log])
      for (const [sha, n] of log.billedByImage()) answered.set(sha, (answered.get(sha) ?? 0) + n)
    expect(answered.size).toBe(30)
    expect([...answered.values()].every((n) => n === 1)).toBe(true)
  })

  it('comes back with the live state after a reload mid-run', async () => {
    const { harness, page } = await windowOnSim({
      latencyMs: 250,
      defaultKey: { rpm: 240, burstSeconds: 1 }
    })
    const photos = await photoFolder(40)
    await dropAndRun(harness, photos.paths)
    await page.waitForFunction(
      () => document.querySelectorAll('[data-row-id][data-status="done"]').length >= 5
    )
    await page.reload()
    await page.waitForSelector('[data-ready="true"]')
    await page.waitForSelector('[data-testid="run-progress"][data-status="running"]')
    const main = harness.workspace.openView()!
    const doneInMain = main.rows.filter((row: { status: string }) => row.status === 'done').length
    expect(doneInMain).toBeGreaterThanOrEqual(5)
    expect(await page.locator('[data-row-id]').count()).toBeGreaterThan(0)
    expect(await page.textContent('[data-testid="queue-counts"]')).toContain('40 photos')
    await runStatus(page, 'completed')
    await countsShow(page, /40 photos · 40 done/)
  })

  it('shows a rule-breaking answer for review; an inline edit is journaled and exported', async () => {
    const { harness, page } = await windowOnSim({ answerFaults: { overlong: 1 } })
    const photos = await photoFolder(3)
    await dropAndRun(harness, photos.paths)
    await runStatus(page, 'completed')
    const chip = page.locator('[data-row-id][data-status="review"] .chip').first()
    expect(await chip.textContent()).toMatch(/Too long \(\d+ of 155 characters\)/)
    const row = page.locator('[data-row-id][data-status="review"]').first()
    await row.getByRole('button', { name: 'Edit' }).click()
    const edit =
      'A light running shoe with a breathable mesh upper and a cushioned sole, made for daily training on roads and easy trails.'
    await row.locator('textarea').fill(edit)
    await row.getByRole('button', { name: 'Save' }).click()
    await page.waitForSelector('.badge:has-text("edited")')
    const out = join(mkdtempSync(join(tmpdir(), 'photoscribe-export-')), 'results.csv')
    harness.desktop.savePath = out
    await page.getByRole('button', { name: /Export/ }).click()
    await page.getByLabel('CSV', { exact: true }).check()
    await page.getByRole('button', { name: 'Save…' }).click()
    await page.waitForSelector('.export-saved')
    expect(readFileSync(out, 'utf8')).toContain(edit)
  })

  it('Pause stops requests within a second; Resume and Cancel reach the engine', async () => {
    const { sim, harness, page } = await windowOnSim({
      latencyMs: 200,
      defaultKey: { rpm: 600, burstSeconds: 1 }
    })
    const photos = await photoFolder(60)
    await dropAndRun(harness, photos.paths)
    await page.waitForFunction(
      () => document.querySelectorAll('[data-row-id][data-status="done"]').length >= 3
    )
    await page.getByRole('button', { name: /Pause/ }).click()
    const pausedAt = Date.now()
    await page.waitForSelector('[data-testid="run-progress"][data-status="paused"]')
    await page.waitForTimeout(2500)
    const late = sim.log.entries.filter(
      (e) => e.path.includes('chat') && e.time > pausedAt + 1000 + 400
    )
    expect(late).toEqual([])
    const atPause = chatRequests(sim.log)
    await page.getByRole('button', { name: /Resume/ }).click()
    await page.waitForFunction(
      (n) => document.querySelectorAll('[data-row-id][data-status="done"]').length > n,
      atPause
    )
    await page.getByRole('button', { name: /Cancel/ }).click()
    await runStatus(page, 'cancelled')
    // Requests cut off by the cancel are logged when the simulator finishes them (≤ its latency).
    await page.waitForTimeout(600)
    const atCancel = chatRequests(sim.log)
    await page.waitForTimeout(1500)
    expect(chatRequests(sim.log)).toBe(atCancel)
    expect(atCancel).toBeLessThan(60)
    expect(harness.workspace.openView()!.run.status).toBe('cancelled')
  })
})

describe('a sample first, then the rest; the job stays', () => {
  it('tries 5 photos, runs the rest without paying for them twice, and a new window opens the job', async () => {
    const { sim, harness, page } = await windowOnSim()
    const photos = await photoFolder(12)
    await harness.dropFiles(photos.paths)
    await page.waitForSelector('[data-testid="estimate-now"]')
    const sheet = join(photos.dir, 'products.csv')
    writeFileSync(
      sheet,
      'file,brand,keywords\nproduct-001.jpg,Acme,mug\nproduct-002,Acme,cup\nnot-here.jpg,Other,x\n'
    )
    harness.desktop.sheet = sheet
    await page.getByRole('button', { name: /Attach product sheet/ }).click()
    await page.waitForSelector('[data-testid="sheet-matches"]')
    expect(await page.textContent('[data-testid="sheet-matches"]')).toBe(
      'Product sheet products.csv: 2 of 12 photos matched'
    )
    await page.getByRole('button', { name: 'Try on a sample' }).click()
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="sample"]')?.textContent?.includes('Sample · 5 of 5')
    )
    expect(await page.textContent('[data-testid="sample-cost"]')).toMatch(/^\$0\.\d+/)
    await page.screenshot({ path: join(SHOTS, 'sample.png') })
    await page.getByRole('button', { name: 'Run the rest' }).click()
    await runStatus(page, 'completed')
    await countsShow(page, /12 photos · 12 done/)
    // The sample's five answers came from the result cache: 12 requests in all, not 17.
    expect(chatRequests(sim.log)).toBe(12)
    // The taskbar and the title followed the run, and were cleared at its end.
    expect(harness.desktop.progress.some((p) => /^Photoscribe — \d+% · /.test(p.title))).toBe(true)
    expect(harness.desktop.progress.at(-1)).toEqual({ fraction: null, title: 'Photoscribe' })
    const again = await openWindow(browser, {
      env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: sim.url },
      dataDir: harness.dataDir
    })
    try {
      const jobs = again.page.locator('.job-item')
      expect(await jobs.count()).toBe(2)
      await jobs.filter({ hasNotText: 'Sample' }).click()
      await countsShow(again.page, /12 photos · 12 done/)
      expect(await again.page.getByRole('button', { name: /Export/ }).isVisible()).toBe(true)
      expectNoKey(again, KEY)
    } finally {
      await again.close()
    }
  })
})

describe('the first run', () => {
  it('offers the demo without a key; the demo shows a rate-limit pause within a minute and finishes', async () => {
    const harness = await openWindow(browser, { env: {} })
    opened = { harness, sims: [] }
    const { page } = harness
    expect(await page.textContent('.welcome')).toContain('Add your OpenAI API key')
    await page.screenshot({ path: join(SHOTS, 'first-run.png') })
    await page.getByRole('button', { name: 'Try the demo (no key needed)' }).click()
    await page.waitForSelector('[data-testid="run-progress"]')
    await page.waitForSelector('[data-testid="cooling"], [data-row-id][data-status="retrying"]', {
      timeout: 60_000
    })
    await page.screenshot({ path: join(SHOTS, 'demo-running.png') })
    await runStatus(page, 'completed', 90_000)
    await countsShow(page, /(\d+) photos · \1 done/)
    const cache = join(harness.dataDir, 'cache', 'results')
    expect(existsSync(cache) ? readdirSync(cache) : []).toEqual([])
  }, 120_000)
})
