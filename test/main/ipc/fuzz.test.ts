import { readdirSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { allRoutes } from '@shared/ipc/routes'
import type { AppInfo } from '@shared/domain/app-info'
import { createHandlers } from '../../../src/main/ipc/handlers'
import { createRouter, type Router } from '../../../src/main/ipc/router'
import { senderCheck } from '../../../src/main/ipc/sender'
import type { Workspace } from '../../../src/main/workspace/workspace'
import { tempDir } from '../../helpers/temp'
import { testWorkspace } from '../../helpers/workspace'
import { TEST_APP_INFO } from '../../helpers/app-info'

const APP = 'app://photoscribe/index.html'
const info: AppInfo = TEST_APP_INFO
/** A request that does not answer in this long counts as a hang. */
const HANG_MS = 5000

let router: Router
let workspace: Workspace
let root: string
let before: string[]

beforeAll(async () => {
  root = await tempDir('fuzz')
  const dataDir = join(root, 'data')
  await mkdir(join(root, 'photos'), { recursive: true })
  await writeFile(join(root, 'photos', 'not-a-photo.jpg'), 'text')
  workspace = testWorkspace(dataDir, {})
  router = createRouter(createHandlers({ appInfo: () => info, workspace }), senderCheck(APP), {
    checkOutputs: true
  })
  before = listing()
})

afterAll(async () => {
  await workspace.close()
})

/** Everything beside the data folder, and the repository's top level: nothing may appear there. */
function listing(): string[] {
  const outside = readdirSync(root).filter((name) => name !== 'data')
  return [...outside, ...readdirSync(process.cwd()).map((name) => `cwd/${name}`)].sort()
}

async function answerOf(channel: string, payload: unknown): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const hang = new Promise((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`${channel} hung on ${JSON.stringify(payload)}`)),
      HANG_MS
    )
  })
  try {
    return await Promise.race([router.handle(channel, APP, payload), hang])
  } finally {
    clearTimeout(timer)
  }
}

/** A result is `{ ok: true, data }` or `{ ok: false, error: { code, message } }`, never a throw. */
function expectResult(result: unknown): void {
  const r = result as { ok: boolean; error?: { code: string; message: string } }
  expect(typeof r.ok).toBe('boolean')
  if (!r.ok) {
    expect(typeof r.error?.code).toBe('string')
    expect(r.error?.message.length).toBeGreaterThan(0)
  }
}

const hostileStrings = fc.constantFrom(
  '../../../../etc/passwd',
  '/dev/zero',
  '\u0000',
  'a'.repeat(70_000),
  '=HYPERLINK("http://x")',
  '__proto__',
  '‮gpj.exe'
)
const payloads = fc.oneof(
  fc.anything({ withNullPrototype: true, withMap: true, withSet: true }),
  fc.dictionary(
    fc.oneof(fc.string(), fc.constant('__proto__')),
    fc.oneof(fc.anything(), hostileStrings)
  ),
  fc.record({ paths: fc.array(hostileStrings, { maxLength: 5 }) }),
  fc.record({
    id: fc.oneof(fc.string(), hostileStrings),
    fields: fc.dictionary(fc.string(), fc.anything())
  })
)

describe('IPC fuzz: random and malformed payloads to every route', () => {
  it(`answers each of ${allRoutes.length} routes with a result — never a throw, a hang or a file outside the data folder`, async () => {
    for (const route of allRoutes) {
      await fc.assert(
        fc.asyncProperty(payloads, async (payload) => {
          expectResult(await answerOf(route.channel, payload))
        }),
        { numRuns: 25, seed: 20261201 }
      )
    }
    expect(listing()).toEqual(before)
  }, 120_000)

  it('refuses a request from a frame that is not the window, whatever it carries', async () => {
    for (const route of allRoutes) {
      const result = (await router.handle(route.channel, 'https://evil.example/', {})) as {
        ok: boolean
        error?: { code: string }
      }
      expect(result.ok).toBe(false)
      expect(result.error?.code).toBe('untrusted_sender')
    }
  })

  it('names the field of a malformed setting instead of failing vaguely', async () => {
    const result = (await router.handle('queue:set-options', APP, { detail: 'medium' })) as {
      ok: boolean
      error?: { message: string }
    }
    expect(result.ok).toBe(false)
    expect(result.error?.message).toMatch(/detail/)
  })
})
