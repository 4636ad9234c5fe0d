/// <reference lib="dom" />
import { mkdirSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/simulator/server'
import { startConnectProxy, type TestProxy } from '../helpers/connect-proxy'
import { ROOT, launchChromium } from './helpers/app-page'
import { photoFolder } from './helpers/photos'
import {
  addKey,
  closeSettings,
  expectSecretNowhere,
  openSettingsTab,
  saveForm,
  seriousViolations,
  useCustomEndpoint
} from './helpers/settings-steps'
import { openWindow, type WindowHarness } from './helpers/window-harness'
import { chatRequests, dropAndRun, runStatus } from './helpers/window-steps'

const SCREENSHOTS = join(ROOT, 'docs/screenshots')
const SENTINEL = 'sk-proj-SENTINEL-settings-0a1b2c3d4e5f6789'
let browser: Browser
let opened: { harness?: WindowHarness; sim?: Simulator; proxy?: TestProxy } = {}

beforeAll(async () => {
  mkdirSync(SCREENSHOTS, { recursive: true })
  browser = await launchChromium()
})

afterEach(async () => {
  await opened.harness?.close()
  await opened.sim?.close()
  await opened.proxy?.close()
  opened = {}
})

afterAll(async () => {
  await browser?.close()
})

async function freshWindow(sim?: Parameters<typeof startSimulator>[0]) {
  const simulator = await startSimulator({ latencyMs: 30, ...sim })
  const harness = await openWindow(browser, { env: {} })
  opened = { harness, sim: simulator }
  return { sim: simulator, harness, page: harness.page }
}

describe('Settings in the window, on the real engine and the simulator', () => {
  it('adds a key, tests it (limits from the headers, offered), survives a reload masked, and the key is nowhere in clear', async () => {
    const { sim, harness, page } = await freshWindow({ defaultKey: { rpm: 480, tpm: 123_000 } })
    await page.getByRole('button', { name: 'Add an API key…' }).click()
    await useCustomEndpoint(page, sim.url)
    await addKey(page, 'Marketing', SENTINEL)
    expect(await page.inputValue('[data-testid="new-key-secret"]')).toBe('')
    await page.getByRole('button', { name: 'Test key' }).click()
    const cost = page.locator('[data-testid="test-cost"]')
    await cost.getByText(/at most \$0\.0000\d/).waitFor()
    expect(chatRequests(sim.log)).toBe(0)
    await page.getByRole('button', { name: 'Test now' }).click()
    const result = page.locator('[data-testid="key-test"]')
    await result.waitFor()
    expect(await result.textContent()).toContain(
      'Valid. Your key allows 480 requests/min and 123,000 tokens/min on gpt-6-luna.'
    )
    expect(chatRequests(sim.log)).toBe(1)
    await page.click('[data-testid="use-limits"]')
    await page.screenshot({ path: join(SCREENSHOTS, 'settings-keys.png') })

    await page.reload()
    await page.waitForSelector('[data-ready="true"]')
    await openSettingsTab(page, 'Keys')
    expect(await page.textContent('[data-testid="key-hint"]')).toBe('sk-…6789')
    expect(await page.textContent('[data-testid="settings-keys"]')).toContain('Saved encrypted')
    await openSettingsTab(page, 'Limits')
    expect(await page.textContent('[data-testid="reported"]')).toContain(
      'Headers last reported 480 requests/min, 123,000 tokens/min'
    )
    await closeSettings(page)

    const photos = await photoFolder(6)
    await dropAndRun(harness, photos.paths)
    await runStatus(page, 'completed')
    expect(await page.textContent('[data-testid="progress-words"]')).toContain('6 done')
    expect(sim.log.entries.filter((e) => e.path === '/v1/chat/completions')).toHaveLength(7)
    await expectSecretNowhere(harness, SENTINEL)
    expect(harness.problems).toEqual([])
  })

  it('switches to 简体中文 live, keeps it after a reload; both screens screenshotted', async () => {
    const { sim, harness, page } = await freshWindow()
    await useCustomEndpoint(page, sim.url)
    await addKey(page, 'Main', 'sk-test-chinese-ui-00001111')
    await openSettingsTab(page, 'Prices')
    await page.getByLabel('Input price for gpt-6-luna').fill('0.1')
    await page.getByLabel('Output price for gpt-6-luna').fill('0.5')
    await page.getByRole('button', { name: 'Save', exact: true }).click()
    await page.getByText('Saved.').waitFor()
    await openSettingsTab(page, 'Language & about')
    await page.selectOption('[data-testid="ui-language"]', 'zh-CN')
    await page.getByRole('heading', { name: '设置' }).waitFor()
    expect(await page.getAttribute('html', 'lang')).toBe('zh-CN')
    await openSettingsTab(page, '密钥')
    await page.screenshot({ path: join(SCREENSHOTS, 'settings-zh-CN.png') })
    await closeSettings(page)
    const photos = await photoFolder(12)
    await harness.dropFiles(photos.paths)
    await page.waitForSelector('[data-testid="estimate-now"]')
    expect(await page.textContent('[data-testid="estimate-now"]')).toMatch(/^约 US\$/)
    expect(await page.textContent('[data-testid="estimate-duration"]')).toMatch(/^约 \d+ (秒|分钟)/)
    expect(await page.textContent('.run-panel')).toContain('先试运行几张')
    expect(await page.textContent('[data-testid="estimate"]')).toContain('使用你在设置中填写的价格')
    await page.screenshot({ path: join(SCREENSHOTS, 'main-zh-CN.png') })
    await page.reload()
    await page.waitForSelector('[data-ready="true"]')
    await page.getByRole('button', { name: /设置/ }).waitFor()
    expect(harness.problems).toEqual([])
  })

  it('a proxy preset pointing at a local proxy (with a password) carries a run; Test connection names the route', async () => {
    const { sim, harness, page } = await freshWindow()
    const proxy = await startConnectProxy({ username: 'marketing', password: 'pr0xy-s3cret' })
    opened.proxy = proxy
    await useCustomEndpoint(page, sim.url)
    await page.check('[data-testid="proxy-explicit"]')
    await page.fill('[data-testid="proxy-url"]', 'not a url')
    expect(await page.textContent('form[aria-label="Network"]')).toContain(
      'The proxy URL must be a URL starting with http:// or https://'
    )
    await page.fill('[data-testid="proxy-url"]', proxy.url)
    await page.fill('[data-testid="proxy-username"]', 'marketing')
    await page.fill('[data-testid="proxy-password"]', 'pr0xy-s3cret')
    await page.fill('[data-testid="proxy-no-proxy"]', '')
    await saveForm(page, 'Network')
    await addKey(page, 'Main', 'sk-test-proxy-run-22223333')
    await openSettingsTab(page, 'Provider & network')
    await page.click('[data-testid="test-connection"]')
    const test = page.locator('[data-testid="connection-test"]')
    await test.waitFor()
    expect(await test.textContent()).toContain(`Through the proxy ${proxy.url} (set here).`)
    expect(await test.textContent()).toContain('Connected: the endpoint answered.')
    await closeSettings(page)
    const photos = await photoFolder(5)
    await dropAndRun(harness, photos.paths)
    await runStatus(page, 'completed')
    expect(proxy.tunnels.length).toBeGreaterThan(0)
    expect(proxy.refused).toBe(0)
    expect(chatRequests(sim.log)).toBe(5)
    await expectSecretNowhere(harness, 'pr0xy-s3cret')
  })

  it('an Azure-style endpoint (deployment in the path, api-key header) carries a run', async () => {
    const { sim, harness, page } = await freshWindow()
    await openSettingsTab(page, 'Provider & network')
    await page.selectOption('[data-testid="provider-preset"]', 'azure')
    await page.fill('[data-testid="azure-endpoint"]', sim.url.replace(/\/v1$/, ''))
    await page.click('[data-testid="add-deployment"]')
    await page.getByLabel('Deployment for gpt-6-luna').fill('prod-luna')
    await page.getByLabel('API version').fill('2024-10')
    expect(await page.textContent('form[aria-label="Provider"]')).toContain(
      'The API version must look like 2024-10-21'
    )
    await page.getByLabel('API version').fill('2024-10-21')
    await saveForm(page, 'Provider')
    await addKey(page, 'Azure', 'azure0123456789abcdef0123456789ab')
    await closeSettings(page)
    const photos = await photoFolder(4)
    await harness.dropFiles(photos.paths)
    await page.waitForSelector('[data-testid="estimate-now"]')
    await page.locator('.options select').nth(2).selectOption('gpt-6-luna')
    await page.getByRole('button', { name: 'Run', exact: true }).click()
    await runStatus(page, 'completed')
    const paths = sim.log.entries.map((e) => e.path)
    expect(
      paths.filter((p) => p === '/openai/deployments/prod-luna/chat/completions')
    ).toHaveLength(4)
    expect(sim.log.entries.every((e) => e.key === '…89ab')).toBe(true)
  })

  it('writes a template in the editor, previews the exact request for a queued photo, saves it and runs it', async () => {
    const { sim, harness, page } = await freshWindow()
    await useCustomEndpoint(page, sim.url)
    await addKey(page, 'Main', 'sk-test-template-run-6666777')
    await closeSettings(page)
    const photos = await photoFolder(3)
    await harness.dropFiles(photos.paths)
    await page.waitForSelector('[data-testid="estimate"]')
    await openSettingsTab(page, 'Templates')
    await page.getByRole('button', { name: 'New template' }).click()
    await page.getByLabel('Name', { exact: true }).fill('Instagram caption')
    await page.getByLabel('Id', { exact: true }).fill('instagram-caption')
    await page.fill(
      '[data-testid="template-instructions"]',
      'Write a caption in {language} for {filename}. {colour}'
    )
    expect(await page.textContent('[data-testid="instructions-chips"]')).toContain('language')
    expect(await page.textContent('[data-testid="template-editor"]')).toContain(
      '{colour}: not a built-in variable'
    )
    await page.getByLabel('Column name').fill('Caption')
    expect(await page.textContent('[data-testid="template-editor"]')).toContain(
      'The column name may use only lower-case letters'
    )
    expect(await page.isDisabled('[data-testid="template-save"]')).toBe(true)
    await page.getByLabel('Column name').fill('caption')
    await page.click('[data-testid="template-preview"]')
    const preview = page.locator('[data-testid="template-preview-result"]')
    await preview.waitFor()
    const text = (await preview.textContent()) ?? ''
    expect(text).toMatch(/\d+ prompt tokens \(\d+ for the image\)/)
    expect(text).toContain('Write a caption in English for product-001.jpg.')
    expect(text).toMatch(/data:image\/jpeg;base64,… \(\d+×\d+, \d+ KB\)/)
    expect(chatRequests(sim.log)).toBe(0)
    await page.click('[data-testid="template-save"]')
    await page.getByText('Your templates').waitFor()
    expect(await page.textContent('[data-testid="settings-templates"]')).toContain(
      'Instagram caption'
    )
    await closeSettings(page)
    await page.locator('.options select').first().selectOption('instagram-caption')
    await page.getByRole('button', { name: 'Run', exact: true }).click()
    await runStatus(page, 'completed')
    expect(await page.textContent('[data-testid="progress-words"]')).toContain('3 done')
    const rows = harness.workspace.openView()!.rows
    expect(rows.map((row) => row.fields?.map((f) => f.name))).toEqual([
      ['caption'],
      ['caption'],
      ['caption']
    ])
    expect(chatRequests(sim.log)).toBe(3)
  })

  it('every screen passes axe-core with no serious or critical violation', async () => {
    const { sim, harness, page } = await freshWindow()
    const screens: Record<string, string[]> = { 'first run': await seriousViolations(page) }
    await openSettingsTab(page, 'Keys')
    for (const tab of [
      'Keys',
      'Provider & network',
      'Limits',
      'Defaults',
      'Prices',
      'Templates',
      'Language & about'
    ]) {
      await openSettingsTab(page, tab)
      screens[`settings: ${tab}`] = await seriousViolations(page)
      await page.screenshot({
        path: join(ROOT, 'test-results', `settings-${tab.split(' ')[0]}.png`)
      })
    }
    await openSettingsTab(page, 'Templates')
    await page.getByRole('button', { name: 'New template' }).click()
    await page.waitForSelector('[data-testid="template-editor"]')
    screens['template editor'] = await seriousViolations(page)
    await page.screenshot({
      path: join(ROOT, 'test-results', 'settings-template-editor.png'),
      fullPage: true
    })
    await closeSettings(page)
    await useCustomEndpoint(page, sim.url)
    await addKey(page, 'Main', 'sk-test-axe-run-44445555')
    await closeSettings(page)
    const photos = await photoFolder(8)
    await harness.dropFiles(photos.paths)
    await page.waitForSelector('[data-testid="estimate"]')
    screens['queue with estimate'] = await seriousViolations(page)
    await page.getByRole('button', { name: 'Run', exact: true }).click()
    await runStatus(page, 'completed')
    screens['finished job'] = await seriousViolations(page)
    expect(screens).toEqual(Object.fromEntries(Object.keys(screens).map((name) => [name, []])))
  })
})
