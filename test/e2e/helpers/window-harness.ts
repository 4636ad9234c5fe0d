import { mkdtempSync } from 'node:fs'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import pkg from '../../../package.json'
import { eventChannels } from '../../../src/shared/ipc/channels'
import { toWire } from '../../../src/shared/ipc/row-wire'
import type { WorkspaceUpdate } from '../../../src/shared/domain/workspace'
import { buildAppInfo } from '../../../src/core/app-info'
import { createHandlers } from '../../../src/main/ipc/handlers'
import { createRouter } from '../../../src/main/ipc/router'
import { senderCheck } from '../../../src/main/ipc/sender'
import { thumbnailResponder } from '../../../src/main/thumb-protocol'
import { FakeDesktop } from '../../helpers/fake-desktop'
import { openRowPath } from '../../../src/main/workspace/row-lookup'
import { testWorkspace } from '../../helpers/workspace'
import type { Workspace } from '../../../src/main/workspace/workspace'
import { tmpdir } from 'node:os'
import { ROOT, bridgePreload, watchProblems } from './app-page'
import { serveFolder } from './static-server'

export interface WindowHarness {
  page: Page
  workspace: Workspace
  desktop: FakeDesktop
  dataDir: string
  /** Every payload main sent the window: request answers and pushed updates, as JSON text. */
  payloads: string[]
  /** Rows main sent in updates so far (counted even when payloads are not kept). */
  rowUpdates: () => number
  problems: string[]
  /** Makes the next dropped files' paths known to the fake `webUtils.getPathForFile`. */
  dropFiles(paths: string[], target?: string): Promise<void>
  close(): Promise<void>
}

export interface HarnessOptions {
  env?: NodeJS.ProcessEnv
  dataDir?: string
  viewport?: { width: number; height: number }
  /** Keep every payload for later checks (default); a benchmark counts instead. */
  keepPayloads?: boolean
}

/**
 * The real renderer in Chromium, the built preload over a fake `electron` whose IPC reaches the
 * real router and workspace in this process; thumbnails served by the real responder.
 */
export async function openWindow(
  browser: Browser,
  options: HarnessOptions = {}
): Promise<WindowHarness> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'photoscribe-window-'))
  const desktop = new FakeDesktop()
  const payloads: string[] = []
  const keep = options.keepPayloads ?? true
  let rowUpdates = 0
  let page: Page | null = null
  const workspace = testWorkspace(
    dataDir,
    options.env ?? {},
    desktop,
    (update: WorkspaceUpdate) => {
      // As main sends it (electron-workspace.ts): the rows packed for the crossing.
      const text = JSON.stringify(toWire(update))
      if (keep) payloads.push(text)
      for (const patch of update.patches ?? []) rowUpdates += patch.rows?.length ?? 0
      void page
        ?.evaluate(
          ([channel, json]) =>
            (
              globalThis as unknown as { __photoscribeEmit: (c: string, p: unknown) => void }
            ).__photoscribeEmit(channel, JSON.parse(json)),
          [eventChannels.update, text] as const
        )
        .catch(() => undefined)
    }
  )
  const thumbs = thumbnailResponder((view, row) => openRowPath(workspace, view, row))
  const site = await serveFolder(join(ROOT, 'out/renderer'), { '/thumb/': thumbs })
  const appInfo = () =>
    buildAppInfo({
      version: pkg.version,
      dataDir,
      platform: process.platform,
      arch: process.arch,
      versions: process.versions,
      thumbnailBase: `${site.url}thumb/`
    })
  const router = createRouter(createHandlers({ appInfo, workspace }), senderCheck(site.url), {
    checkOutputs: true
  })
  const recording = {
    ...router,
    handle: async (channel: string, sender: string | undefined, input: unknown) => {
      const result = await router.handle(channel, sender, input)
      if (keep) payloads.push(JSON.stringify(result))
      return result
    }
  }
  page = await browser.newPage({ viewport: options.viewport ?? { width: 1360, height: 860 } })
  const problems = watchProblems(page)
  await bridgePreload(page, recording)
  await page.goto(site.url)
  await page.waitForSelector('[data-ready="true"]', { timeout: 10_000 }).catch((error: Error) => {
    throw new Error(`${error.message}\n${problems.join('\n')}`)
  })
  return {
    page,
    workspace,
    desktop,
    dataDir,
    payloads,
    rowUpdates: () => rowUpdates,
    problems,
    async dropFiles(paths, target = '.queue') {
      const table = Object.fromEntries(paths.map((p) => [p.split('/').at(-1)!, p]))
      await page!.evaluate((t) => Object.assign(globalThis, { __dropPaths: t }), table)
      await page!.locator(target).first().drop({ files: paths })
    },
    async close() {
      await page?.close()
      await workspace.close()
      await site.close()
    }
  }
}
