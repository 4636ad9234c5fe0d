import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { createHandlers } from '../../src/main/ipc/handlers'
import { createRouter, type Router } from '../../src/main/ipc/router'
import { senderCheck } from '../../src/main/ipc/sender'
import { fillVariables } from '../../src/core/templates/template'
import { photoVariables } from '../../src/core/jobs/job-request'
import type { Workspace } from '../../src/main/workspace/workspace'
import { TEST_APP_INFO } from '../helpers/app-info'
import { FakeDesktop } from '../helpers/fake-desktop'
import { testSettings } from '../helpers/job-fixtures'
import { tempDir } from '../helpers/temp'
import { testWorkspace } from '../helpers/workspace'

const APP = 'app://photoscribe/index.html'
const VALID = {
  id: 'shop-copy',
  name: 'Shop copy',
  instructions: 'Describe the product in {language}.',
  fields: [{ name: 'text', label: 'Text', type: 'string' }],
  maxCompletionTokens: 200
}

const opened: Workspace[] = []
afterEach(async () => {
  await Promise.all(opened.splice(0).map((w) => w.close()))
})

/** The window's router on a workspace whose open dialog picks `file`. */
async function windowWith(): Promise<{
  router: Router
  desktop: FakeDesktop
  root: string
  dataDir: string
}> {
  const root = await tempDir('hostile-template')
  const dataDir = join(root, 'data')
  const desktop = new FakeDesktop()
  const workspace = testWorkspace(dataDir, {}, desktop)
  opened.push(workspace)
  const router = createRouter(
    createHandlers({ appInfo: () => TEST_APP_INFO, workspace }),
    senderCheck(APP),
    { checkOutputs: true }
  )
  return { router, desktop, root, dataDir }
}

/** Imports `content` as a template file through the window; returns the route's answer. */
async function importing(
  content: string | Buffer
): Promise<{ ok: boolean; error?: { message: string } }> {
  const { router, desktop, root } = await windowWith()
  desktop.template = join(root, 'hostile.json')
  await writeFile(desktop.template, content)
  return (await router.handle('templates:import-file', APP, undefined)) as never
}

describe('a custom template with hostile JSON', () => {
  it('an id that climbs out of the templates folder is refused, on import and on remove', async () => {
    const answer = await importing(JSON.stringify({ ...VALID, id: '../../settings' }))
    expect(answer.ok).toBe(false)
    expect(answer.error).toMatchObject({ problem: { code: 'templateId', field: 'id' } })
    const { router, dataDir } = await windowWith()
    await mkdir(dataDir, { recursive: true })
    await writeFile(join(dataDir, 'settings.json'), '{"keep": true}')
    const removed = (await router.handle('templates:remove', APP, { id: '../settings' })) as {
      ok: boolean
    }
    expect(removed.ok).toBe(false)
    expect(await readFile(join(dataDir, 'settings.json'), 'utf8')).toBe('{"keep": true}')
  })

  it('prototype keys pollute nothing and are refused with the field named', async () => {
    const answer = await importing(
      `{"__proto__": {"polluted": true}, ${JSON.stringify(VALID).slice(1)}`
    )
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(answer.ok).toBe(false)
    expect(answer.error?.message).toMatch(/unrecognized|unknown/i)
  })

  it('oversized, deeply nested or broken JSON gets a clear refusal and saves nothing', async () => {
    const big = await importing(JSON.stringify({ ...VALID, instructions: 'x'.repeat(1_000_000) }))
    expect(big.error).toMatchObject({ problem: { code: 'fileTooLarge', params: { n: '256' } } })
    const long = await importing(JSON.stringify({ ...VALID, instructions: 'x'.repeat(9_000) }))
    expect(long.error).toMatchObject({
      problem: { code: 'tooLong', field: 'instructions', params: { n: '8000' } }
    })
    const deep = await importing('['.repeat(100_000) + ']'.repeat(100_000))
    expect(deep.ok).toBe(false)
    const broken = await importing('{"id": "shop-copy", "name": ')
    expect(broken.error).toMatchObject({ problem: { code: 'notJson' } })
    const fields = await importing(
      JSON.stringify({
        ...VALID,
        fields: Array.from({ length: 31 }, (_, i) => ({ ...VALID.fields[0], name: `f${i}` }))
      })
    )
    expect(fields.error).toMatchObject({
      problem: { code: 'atMost', field: 'fields', params: { n: '30' } }
    })
    expect(await readdir(join((await windowWith()).dataDir, 'templates')).catch(() => [])).toEqual(
      []
    )
  })

  it('"{constructor}" and "{__proto__}" in instructions fill as nothing, not as code', () => {
    const variables = photoVariables(
      { id: 'p1', sha256: '', bytes: 0, status: 'pending', paths: ['/shop/mug.jpg'] },
      testSettings([])
    )
    const filled = fillVariables(
      'A {constructor}{__proto__}{toString} mug in {language}.',
      variables
    )
    expect(filled).toBe('A mug in English.')
  })
})
