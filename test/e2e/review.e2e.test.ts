import { mkdirSync, readFileSync, readdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/simulator/server'
import { ROOT, launchChromium } from './helpers/app-page'
import { photoFolder } from './helpers/photos'
import { openWindow, type WindowHarness } from './helpers/window-harness'
import { chatRequests, runStatus } from './helpers/window-steps'

/** The review desk, used as a marketer would: keyboard first, then export what was approved. */
const SHOTS = join(ROOT, 'docs', 'screenshots')
const KEY = 'sk-test-review-e2e-1a2b3c4d'
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

const text = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .textContent()
    .then((t) => t ?? '')

/** "40 photos · 40 done · 3 need review · 37 approved": the header's numbers by name. */
async function headerCounts(page: Page): Promise<Record<string, number>> {
  const words = await text(page, '[data-testid="queue-counts"]')
  const counts: Record<string, number> = {}
  for (const [, n, name] of words.matchAll(/([\d,]+) (photos|done|need review|approved|failed)/g))
    counts[name] = Number(n.replace(/,/g, ''))
  return counts
}

async function footerDone(page: Page): Promise<number> {
  const words = await text(page, '[data-testid="progress-words"]')
  return Number(/([\d,]+) done/.exec(words)![1].replace(/,/g, ''))
}

/** Labelled elements inside `root` whose text is cut off (wider than their box), by their text. */
function clipped(page: Page, root: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const inside = document.querySelector(selector)
    if (!inside) return ['(missing)']
    const labelled = inside.querySelectorAll('button, label, dt, .chip-words, .review-actions *')
    return [...labelled]
      .filter((el) => !el.closest('.truncate') && el.scrollWidth > el.clientWidth + 1)
      .map((el) => (el.textContent ?? '').trim())
  }, root)
}

describe('the review desk', () => {
  it('40 photos, listing pack: reviewed by keyboard, three edited, one regenerated with a note and one field of it alone, keywords typed for one, one rejected, bulk-approved, and the export holds exactly the approved rows with the edits (also as Shopify’s file and as photo copies with their alt text)', async () => {
    const sim = await startSimulator({ latencyMs: 5 })
    const harness = await openWindow(browser, {
      env: { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: sim.url },
      viewport: { width: 1920, height: 1080 }
    })
    opened = { harness, sim }
    const page = harness.page
    const photos = await photoFolder(40)
    await harness.dropFiles(photos.paths)
    await page.waitForSelector('[data-testid="estimate"]')
    await page.locator('.options select').first().selectOption('listing-pack')
    await page.getByRole('button', { name: 'Run', exact: true }).click()
    await runStatus(page, 'completed')
    await page.waitForFunction(() =>
      /40 done/.test(document.querySelector('[data-testid="queue-counts"]')?.textContent ?? '')
    )
    expect((await headerCounts(page)).done).toBe(await footerDone(page))

    // Opened by keyboard: the first row focused, Enter.
    await page.locator('[data-row-id]').first().focus()
    await page.keyboard.press('Enter')
    const pane = page.locator('[data-testid="review-pane"]')
    await pane.waitFor()
    const first = await text(page, '.review-head .section-title')
    expect(first).toMatch(/^product-0\d\d\.jpg$/)

    // Three rows edited: E, a new title, Save; J moves on.
    const edited: string[] = []
    for (let i = 0; i < 3; i++) {
      edited.push(await text(page, '.review-head .section-title'))
      await page.keyboard.press('e')
      const title = pane.locator('textarea').first()
      await title.fill(`Edited title number ${i + 1} for review`)
      await pane.getByRole('button', { name: 'Save' }).click()
      await pane.locator('textarea').first().waitFor({ state: 'detached' })
      await page.keyboard.press('j')
      await page.waitForFunction(
        (name) => document.querySelector('.review-head .section-title')?.textContent !== name,
        edited[i]
      )
    }
    // One regenerated with a note: R, its cost said first, then the new answer replaces the old.
    const redone = await text(page, '.review-head .section-title')
    const before = await text(page, '.review-field dd')
    const sent = chatRequests(sim.log)
    await page.keyboard.press('r')
    const ask = pane.getByRole('button', { name: /^Regenerate \(≈ \$/ })
    await ask.waitFor()
    await page.screenshot({ path: join(SHOTS, 'review-1920.png') })
    expect(chatRequests(sim.log)).toBe(sent)
    await pane.locator('[data-testid="regenerate-form"] input').fill('mention the material')
    await ask.click()
    await page.waitForFunction((old) => {
      const now = document.querySelector('.review-field dd')?.textContent
      return now !== undefined && now !== old
    }, before)
    expect(chatRequests(sim.log)).toBe(sent + 1)
    expect(await text(page, '.review-head .section-title')).toBe(redone)
    // Then one field of it alone (↻ beside the meta description): the title stays as it is.
    const dd = pane.locator('.review-field dd')
    const [title, description] = [await dd.nth(0).textContent(), await dd.nth(1).textContent()]
    await pane.locator('.field-redo').nth(1).click()
    expect(await pane.locator('[data-testid="regenerate-field"]').inputValue()).toBe(
      'meta_description'
    )
    await pane.getByRole('button', { name: /^Regenerate \(≈ \$/ }).click()
    await page.waitForFunction(
      (old) => document.querySelectorAll('.review-field dd')[1]?.textContent !== old,
      description
    )
    expect(chatRequests(sim.log)).toBe(sent + 2)
    expect(await dd.nth(0).textContent()).toBe(title)
    await page.keyboard.press('j')
    // One rejected with X (the desk moves to the next row), after its product's target keyword
    // was typed: the title and description that miss it are flagged at once.
    const rejected = await text(page, '.review-head .section-title')
    const keywords = pane.locator('[data-testid="product-keywords"]')
    await keywords.locator('input').fill('zebra print')
    await keywords.getByRole('button', { name: 'Save keywords' }).click()
    await pane.locator('[data-testid="review-flags"]', { hasText: 'zebra print' }).waitFor()
    await page.keyboard.press('x')
    await page.waitForFunction(
      (name) => document.querySelector('.review-head .section-title')?.textContent !== name,
      rejected
    )
    await page.keyboard.press('Escape')
    await pane.waitFor({ state: 'detached' })

    await page.getByRole('button', { name: 'Approve all that pass' }).click()
    await page.waitForFunction(() =>
      /approved/.test(document.querySelector('[data-testid="queue-counts"]')?.textContent ?? '')
    )
    const counts = await headerCounts(page)
    const approvedRows = await page.locator('[data-row-id][data-status="approved"]').count()
    const job = harness.workspace.openJob().job
    const approvedInJob = [...job.state.items.values()].filter((i) => i.verdict === 'approved')
    expect(counts.done).toBe(40)
    expect(counts.approved).toBe(approvedInJob.length)
    expect(counts.approved).toBe(40 - 1 - (counts['need review'] ?? 0))
    expect(approvedRows).toBeLessThanOrEqual(counts.approved)
    expect(await footerDone(page)).toBe(40)
    // The jobs list is refreshed after the verdicts are journalled: it may land a flush later.
    await page
      .waitForFunction(
        (words) => document.querySelector('.job-item .job-counts')?.textContent?.includes(words),
        `${counts.approved} approved`,
        { timeout: 5000 }
      )
      .catch(() => undefined)
    const sidebar = await text(page, '.job-item .job-counts')
    expect(sidebar).toContain(`${counts.approved} approved`)

    // Export, approved only.
    const out = join(harness.dataDir, 'approved.csv')
    harness.desktop.savePath = out
    await page.getByRole('button', { name: /Export/ }).click()
    await page.getByRole('radio', { name: 'CSV', exact: true }).check()
    await page.getByRole('radio', { name: /Approved only/ }).check()
    await page.getByRole('button', { name: 'Save…' }).click()
    await page.waitForSelector('.export-saved')
    const lines = readFileSync(out, 'utf8').trim().split(/\r?\n/)
    expect(lines).toHaveLength(counts.approved + 1)
    const csv = lines.join('\n')
    expect(csv).not.toContain(rejected)
    for (const [i, name] of edited.entries()) {
      const line = lines.find((l) => l.startsWith(name))
      // An edited row broke no rule after the edit, so bulk approval took it.
      expect(line).toContain(`Edited title number ${i + 1} for review`)
    }

    // The same approved rows as Shopify's file: one product per photo here (no SKU pattern), the
    // image URL from the base typed in the dialog, which Settings keep for the next export.
    const shopify = join(harness.dataDir, 'shop.csv')
    harness.desktop.savePath = shopify
    await page.getByRole('button', { name: /Export/ }).click()
    await page.getByRole('radio', { name: 'Shopify (CSV)' }).check()
    await page.getByRole('radio', { name: /Approved only/ }).check()
    await page.getByTestId('export-image-url-base').fill('https://cdn.example.com/p/')
    await page.screenshot({ path: join(SHOTS, 'export-shopify.png') })
    await page.getByRole('button', { name: 'Save…' }).click()
    await page.waitForFunction(() =>
      /products saved/.test(document.querySelector('.export-saved')?.textContent ?? '')
    )
    const shopRows = readFileSync(shopify, 'utf8').trim().split(/\r\n/)
    expect(shopRows[0]).toMatch(/^Title,URL handle,/)
    expect(shopRows).toHaveLength(counts.approved + 1)
    expect(shopRows.slice(1).every((r) => r.includes(',https://cdn.example.com/p/product-'))).toBe(
      true
    )
    expect(harness.workspace.deps.connection.settings.value.shop.imageUrlBase).toBe(
      'https://cdn.example.com/p/'
    )

    // And the approved photos themselves, copied with their alt text inside, into a folder.
    harness.desktop.folder = join(harness.dataDir, 'with-alt')
    await page.getByRole('button', { name: /Export/ }).click()
    await page.getByRole('radio', { name: /Photos with their alt text/ }).check()
    await page.getByRole('radio', { name: /Approved only/ }).check()
    await page.getByRole('button', { name: 'Save…' }).click()
    await page.waitForFunction(() =>
      /photo copies with their alt text/.test(
        document.querySelector('.export-saved')?.textContent ?? ''
      )
    )
    expect(readdirSync(harness.desktop.folder)).toHaveLength(counts.approved)

    // On a 1024×640 laptop the desk takes the room (the sidebar folds away) and nothing is clipped.
    await page.setViewportSize({ width: 1024, height: 640 })
    await page.locator('[data-row-id]').first().focus()
    await page.keyboard.press('Enter')
    await pane.waitFor()
    expect(await page.locator('.sidebar').isVisible()).toBe(false)
    expect(await clipped(page, '[data-testid="review-pane"]')).toEqual([])
    await page.screenshot({ path: join(SHOTS, 'review-1024.png') })
  }, 120_000)
})
