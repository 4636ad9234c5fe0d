/// <reference lib="dom" />
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import type { WindowHarness } from './window-harness'

/** Waits until the open job's run has this status. */
export async function runStatus(page: Page, status: string, timeout = 60_000): Promise<void> {
  await page.waitForFunction(
    (wanted) =>
      document.querySelector('[data-testid="run-progress"]')?.getAttribute('data-status') ===
      wanted,
    status,
    { timeout }
  )
}

/** How many rows show this status. */
export function rowsWith(page: Page, status: string): Promise<number> {
  return page.locator(`[data-row-id][data-status="${status}"]`).count()
}

/** The chat requests the simulator has answered or refused so far. */
export function chatRequests(log: { entries: { path: string }[] }): number {
  return log.entries.filter((entry) => entry.path.includes('/chat/completions')).length
}

/** No API key (nor a telling part of it) in anything main sent the window. */
export function expectNoKey(harness: WindowHarness, key: string): void {
  const middle = key.slice(8, -4)
  for (const payload of harness.payloads) {
    expect(payload.includes(key)).toBe(false)
    expect(payload.includes(middle)).toBe(false)
  }
  expect(harness.payloads.length).toBeGreaterThan(2)
}

/** Drops photos and waits for the estimate (priced or not), then presses Run. */
export async function dropAndRun(
  harness: WindowHarness,
  paths: string[],
  model?: string
): Promise<void> {
  await harness.dropFiles(paths)
  await harness.page.waitForSelector('[data-testid="estimate"]')
  if (model) await harness.page.locator('.options select').nth(2).selectOption(model)
  await harness.page.getByRole('button', { name: 'Run', exact: true }).click()
  await harness.page.waitForSelector('[data-testid="run-progress"]')
}

/** Waits until the queue's counts line matches (it renders a moment after the footer). */
export async function countsShow(page: Page, pattern: RegExp): Promise<void> {
  await page.waitForFunction(
    (source) =>
      new RegExp(source).test(
        document.querySelector('[data-testid="queue-counts"]')?.textContent ?? ''
      ),
    pattern.source,
    { timeout: 5000 }
  )
}
