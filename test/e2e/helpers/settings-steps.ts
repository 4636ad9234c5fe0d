/// <reference lib="dom" />
import { readFileSync, readdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { expect } from 'vitest'
import type { WindowHarness } from './window-harness'

/** Opens Settings at a tab (by its English or Chinese name). */
export async function openSettingsTab(page: Page, tab: string | RegExp): Promise<void> {
  if (!(await page.isVisible('[data-testid="settings"]')))
    await page.click('[data-testid="open-settings"]')
  await page.getByRole('tab', { name: tab }).click()
}

/** Settings → Provider: a custom OpenAI-compatible endpoint at `baseURL`, saved. */
export async function useCustomEndpoint(page: Page, baseURL: string): Promise<void> {
  await openSettingsTab(page, 'Provider & network')
  await page.selectOption('[data-testid="provider-preset"]', 'custom')
  await page.fill('[data-testid="provider-base-url"]', baseURL)
  await saveForm(page, 'Provider')
}

/** Clicks a settings form's Save and waits for "Saved." in it. */
export async function saveForm(page: Page, form: string): Promise<void> {
  const scope = page.getByRole('form', { name: form })
  await scope.getByRole('button', { name: 'Save', exact: true }).click()
  await scope.getByText('Saved.').waitFor()
}

/** Settings → Keys: adds a key, and waits for its card (shown masked). */
export async function addKey(page: Page, label: string, key: string): Promise<void> {
  await openSettingsTab(page, 'Keys')
  await page.fill('[data-testid="new-key-label"]', label)
  await page.fill('[data-testid="new-key-secret"]', key)
  await page.getByRole('button', { name: 'Add key', exact: true }).click()
  await page.locator('[data-testid="key-hint"]', { hasText: key.slice(-4) }).waitFor()
}

export async function closeSettings(page: Page): Promise<void> {
  await page.keyboard.press('Escape')
  await page.waitForSelector('[data-testid="settings"]', { state: 'detached' })
}

/** A secret appears nowhere the window could read or the app wrote: payloads, DOM, storage, files. */
export async function expectSecretNowhere(harness: WindowHarness, secret: string): Promise<void> {
  for (const payload of harness.payloads) expect(payload.includes(secret)).toBe(false)
  expect(harness.payloads.length).toBeGreaterThan(2)
  expect((await harness.page.content()).includes(secret)).toBe(false)
  const stored = await harness.page.evaluate(async () => {
    const values = (storage: Storage) =>
      Object.keys(storage).map((k) => `${k}=${storage.getItem(k)}`)
    const databases = (await indexedDB.databases?.()) ?? []
    return JSON.stringify([
      values(localStorage),
      values(sessionStorage),
      databases,
      document.cookie
    ])
  })
  expect(stored.includes(secret)).toBe(false)
  const inputs = await harness.page.evaluate(() =>
    [...document.querySelectorAll('input')].map((input) => input.value).join('\n')
  )
  expect(inputs.includes(secret)).toBe(false)
  for (const file of filesUnder(harness.dataDir))
    expect(readFileSync(file).includes(secret), file).toBe(false)
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name))
}

const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js')

/** axe-core's serious and critical violations on the page as it is now, in words. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated over the devtools protocol: the page's CSP (script-src 'self') stays as it is.
  if (!(await page.evaluate(() => 'axe' in globalThis)))
    await page.evaluate(readFileSync(AXE, 'utf8'))
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(): Promise<{ violations: Violation[] }> } })
      .axe
    interface Violation {
      id: string
      impact: string | null
      help: string
      nodes: { target: string[] }[]
    }
    return (await axe.run()).violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      targets: v.nodes.slice(0, 3).map((n) => n.target.join(' '))
    }))
  })
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.targets.join(', ')})`)
}
