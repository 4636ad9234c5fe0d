/// <reference lib="dom" />
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/simulator/server'
import type { SimulatorOverrides } from '../../src/simulator/options'
import { ROOT, launchChromium } from './helpers/app-page'
import { photoFolder } from './helpers/photos'
import { openWindow, type WindowHarness } from './helpers/window-harness'
import { chatRequests, expectNoKey, rowsWith, runStatus } from './helpers/window-steps'

const SHOTS = join(ROOT, 'docs', 'screenshots')
const KEY = 'sk-test-SENTINEL-batch-1a2b3c4d5e6f'
let browser: Browser
let opened: { harness?: WindowHarness; sim?: Simulator } = {}
const savedPolls = process.env.PHOTOSCRIBE_BATCH_POLL_MS

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true })
  browser = await launchChromium()
  // The simulator's batches step in a fraction of a second: look at them often.
  process.env.PHOTOSCRIBE_BATCH_POLL_MS = '80'
})

afterEach(async () => {
  if (opened.harness) expectNoKey(opened.harness, KEY)
  await opened.harness?.close()
  await opened.sim?.close()
  opened = {}
})

afterAll(async () => {
  await browser?.close()
  process.env.PHOTOSCRIBE_BATCH_POLL_MS = savedPolls
})

async function batchWindow(simOptions: SimulatorOverrides) {
  const sim = await startSimulator(simOptions)
  const harness = await openWindow(browser, {
    env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: sim.url }
  })
  opened = { harness, sim }
  return { sim, harness, page: harness.page }
}

/** Drops the photos, switches the job to the Batch API and submits it. */
async function submitBatch(harness: WindowHarness, paths: string[]): Promise<void> {
  const page = harness.page
  await harness.dropFiles(paths)
  await page.waitForSelector('[data-testid="estimate-batch-plan"]')
  await page.locator('[data-testid="mode"]').selectOption('batch')
  await page.getByRole('button', { name: 'Submit to Batch API', exact: true }).click()
  await page.waitForSelector('[data-testid="batch-panel"]')
}

describe('Batch mode in the window', () => {
  it('Pause stops uploads and polling for real, says sent batches keep running; Resume collects them', async () => {
    const { sim, harness, page } = await batchWindow({ batch: { stepMs: 600 } })
    const photos = await photoFolder(6)
    await submitBatch(harness, photos.paths)
    await page.waitForSelector('[data-testid="batch-part-1"]')
    const panel = page.locator('[data-testid="batch-panel"]')
    await panel.getByRole('button', { name: 'Pause', exact: true }).click()
    await page.waitForFunction(() =>
      document.querySelector('[data-testid="batch-next"]')?.textContent?.startsWith('Paused')
    )
    expect(await page.textContent('[data-testid="batch-next"]')).toContain(
      'Batches already sent keep running at OpenAI'
    )
    await page
      .locator('[data-testid="batch-panel"]')
      .screenshot({ path: join(SHOTS, 'batch-paused.png') })
    await new Promise((resolve) => setTimeout(resolve, 400))
    const pausedAt = sim.log.entries.length
    await new Promise((resolve) => setTimeout(resolve, 1_200))
    expect(sim.log.entries.length).toBe(pausedAt)
    await panel.getByRole('button', { name: 'Resume', exact: true }).click()
    await runStatus(page, 'completed', 30_000)
    expect(await rowsWith(page, 'done')).toBe(6)
  })

  it('compares Live and Batch, submits, shows each row in its batch, and joins every answer back', async () => {
    const { sim, harness, page } = await batchWindow({ batch: { stepMs: 700 } })
    const photos = await photoFolder(12)
    await harness.dropFiles(photos.paths)
    await page.waitForSelector('[data-testid="estimate-batch-plan"]')
    expect(await page.textContent('[data-testid="estimate-batch-plan"]')).toMatch(
      /^Batch API: ≈ \$[\d.]+ · 1 file\(s\) · within 24 h/
    )
    await page.locator('[data-testid="mode"]').selectOption('batch')
    await page.getByRole('button', { name: 'Submit to Batch API', exact: true }).waitFor()
    await page.screenshot({ path: join(SHOTS, 'batch-estimate.png') })
    await page.getByRole('button', { name: 'Submit to Batch API', exact: true }).click()
    await page.waitForSelector('[data-row-id][data-status="batched"]', { timeout: 10_000 })
    const chip = await page.locator('[data-row-id][data-status="batched"]').first().textContent()
    expect(chip).toMatch(
      /In batch 1 of 1 · (uploading|uploaded|submitting|validating|in progress|finalizing)/
    )
    await page.waitForSelector('[data-testid="batch-part-1"]')
    await page.screenshot({ path: join(SHOTS, 'batch.png') })
    await runStatus(page, 'completed', 30_000)
    expect(await rowsWith(page, 'done')).toBe(12)
    expect(await page.textContent('[data-testid="batch-next"]')).toBe('All batches collected.')
    expect(chatRequests(sim.log)).toBe(0)
    expect(
      sim.log.entries.filter((e) => e.method === 'POST' && e.path === '/v1/batches')
    ).toHaveLength(1)
  })

  it('re-runs the failed lines live with one click', async () => {
    const { sim, harness, page } = await batchWindow({
      batch: { stepMs: 150, failRate: 0.4 },
      seed: 5
    })
    const photos = await photoFolder(10)
    await submitBatch(harness, photos.paths)
    await runStatus(page, 'completed', 30_000)
    const failed = await rowsWith(page, 'failed')
    expect(failed).toBeGreaterThan(0)
    await page.getByRole('button', { name: `Re-run ${failed} failed live` }).click()
    await page.waitForFunction(
      () => document.querySelectorAll('[data-row-id][data-status="done"]').length === 10,
      undefined,
      { timeout: 30_000 }
    )
    expect(chatRequests(sim.log)).toBe(failed)
  })

  it('cancels the batches and keeps what had finished', async () => {
    const { page, harness } = await batchWindow({ batch: { stepMs: 1500 } })
    const photos = await photoFolder(8)
    await submitBatch(harness, photos.paths)
    await page.waitForSelector('[data-row-id][data-status="batched"]', { timeout: 10_000 })
    await page.waitForFunction(
      () =>
        /validating|in progress/.test(
          document.querySelector('[data-testid="batch-part-1"]')?.textContent ?? ''
        ),
      undefined,
      { timeout: 10_000 }
    )
    await page.getByRole('button', { name: 'Cancel batches' }).click()
    await runStatus(page, 'cancelled', 30_000)
    expect(await rowsWith(page, 'done')).toBe(4)
    expect(await page.textContent('[data-testid="batch-part-1"]')).toMatch(/collected/)
  })
})
