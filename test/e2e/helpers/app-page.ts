import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import type { Router } from '../../../src/main/ipc/router'

export const ROOT = join(import.meta.dirname, '../../..')
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

/** Launches Debian's Chromium headless, with the flags this closed network needs. */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
      '--disable-quic'
    ]
  })
}

/**
 * Runs the *built* preload in the page with a fake `require('electron')` whose ipcRenderer.invoke
 * goes to the real main-side router in this process (sender = the calling frame's URL).
 */
export async function bridgePreload(page: Page, router: Router): Promise<void> {
  await page.exposeBinding('__photoscribeIpc', ({ frame }, channel: string, input: unknown) =>
    router.handle(channel, frame.url(), input)
  )
  const preload = readFileSync(join(ROOT, 'out/preload/index.js'), 'utf8')
  await page.addInitScript(`(() => {
    const listeners = new Map();
    globalThis.__photoscribeEmit = (channel, payload) => {
      for (const listener of listeners.get(channel) ?? []) listener({}, payload);
    };
    const electron = {
      contextBridge: { exposeInMainWorld: (key, value) => Object.defineProperty(globalThis, key, { value: Object.freeze(value) }) },
      ipcRenderer: {
        invoke: (channel, input) => globalThis.__photoscribeIpc(channel, input),
        on: (channel, listener) => listeners.set(channel, [...(listeners.get(channel) ?? []), listener]),
        removeListener: (channel, listener) => listeners.set(channel, (listeners.get(channel) ?? []).filter((l) => l !== listener))
      },
      // Chromium gives a page no file paths: the harness says which path each dropped name has.
      webUtils: { getPathForFile: (file) => (globalThis.__dropPaths ?? {})[file.name] ?? '' }
    };
    const require = (name) => {
      if (name === 'electron') return electron;
      throw new Error('a sandboxed preload may only require electron, not ' + name);
    };
    const module = { exports: {} };
    (function (require, module, exports) {\n${preload}\n})(require, module, module.exports);
  })()`)
}

/** Collects console errors, page errors and failed responses, so a test can assert there were none. */
export function watchProblems(page: Page): string[] {
  const problems: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`))
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} ${response.url()}`)
  })
  return problems
}
