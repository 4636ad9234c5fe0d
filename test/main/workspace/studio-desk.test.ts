import { existsSync } from 'node:fs'
import { readdir, readFile, appendFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { routes } from '@shared/ipc/routes'
import type { StudioView } from '@shared/studio/studio-view'
import type { Workspace } from '../../../src/main/workspace/workspace'
import { openRowPath } from '../../../src/main/workspace/row-lookup'
import type { FakeDesktop } from '../../helpers/fake-desktop'
import { door, queueOn, type Door } from '../../helpers/door'
import { simulatorPerTest } from '../../helpers/sim'
import { tempDir } from '../../helpers/temp'
import { runInProcess } from '../../helpers/cli'
import { until } from '../../helpers/until'
import { testWorkspace } from '../../helpers/workspace'
import { openJob } from '../../../src/main/workspace/actions'

/** The window's photo studio through the real IPC router, against the simulator's images endpoint. */
const sims = simulatorPerTest()
let workspace: Workspace | undefined
afterEach(async () => {
  await workspace?.close()
  workspace = undefined
})

type Sim = Awaited<ReturnType<typeof sims.start>>
const edits = (sim: Sim) => sim.log.entries.filter((e) => e.path === '/v1/images/edits')
const billed = (sim: Sim) =>
  edits(sim).filter((e) => e.outcome === 'ok' || e.outcome === 'client_gone_billed')

/** `n` photos queued on the simulator, with a key told `ipm` images a minute for gpt-image-2. */
async function studioOn(n: number, ipm: number, sim: Sim): Promise<Door & { out: string }> {
  const d = await door(n)
  workspace = d.ws
  await queueOn(d, sim.url)
  const keyId = d.settings.value.keys[0].id
  await d.call(routes.settings.setKeyLimits.channel, {
    keyId,
    model: 'gpt-image-2',
    limits: { source: 'custom', rpm: ipm, tpm: 1_000_000 }
  })
  const out = join(await tempDir('studio-out'), 'images')
  ;(d.ws.deps.desktop as FakeDesktop).folder = out
  return { ...d, out }
}

const view = (d: Door): StudioView => d.ws.studio.view()!
const ended = (d: Door) => until(() => view(d).status === 'ended', 20_000)
const statuses = (d: Door) => view(d).items.map((item) => item.status)

describe('the photo studio in the window', () => {
  it('makes every photo’s image once, refuses a second Run while one goes, and a second run sends nothing', async () => {
    const sim = await sims.start({ defaultKey: { ipm: 600, burstSeconds: 1 }, latencyMs: 20 })
    const d = await studioOn(6, 600, sim)
    await d.call(routes.studio.setOptions.channel, { quality: 'low' })
    await expect(d.call(routes.studio.start.channel, {})).rejects.toMatchObject({
      problem: { code: 'studioNoFolder' }
    })
    expect(await d.call(routes.studio.chooseOutDir.channel)).toEqual({ outDir: d.out })
    // A double-click: the second press finds the run going and starts nothing.
    const [first, second] = await Promise.all([
      d.call(routes.studio.start.channel, {}),
      d.call(routes.studio.start.channel, {})
    ])
    expect([first, second]).toContainEqual({ started: false })
    await ended(d)
    expect(statuses(d)).toEqual(Array(6).fill('made'))
    expect(billed(sim)).toHaveLength(6)
    const files = (await readdir(d.out, { recursive: true })).filter((f) => f.endsWith('.jpg'))
    expect(files.sort()).toEqual(
      Array.from({ length: 6 }, (_, i) => `IMG_${String(i).padStart(4, '0')}.white-background.jpg`)
    )
    expect(view(d).items[0].madeWith).toBe('gpt-image-2 · low · 1024x1024')
    expect(view(d).spentUsd).toBeGreaterThan(0)

    // The "after" thumbnail is the output file, asked for by ids, never by path.
    const { viewId, items } = view(d)
    expect(openRowPath(d.ws, `studio-${viewId}`, items[0].rowId)).toBe(
      join(d.out, items[0].output!)
    )
    expect(openRowPath(d.ws, 'studio-elsewhere', items[0].rowId)).toBeUndefined()

    await d.call(routes.studio.start.channel, {})
    await ended(d)
    expect(statuses(d)).toEqual(Array(6).fill('cached'))
    expect(edits(sim)).toHaveLength(6)
    expect((await readdir(d.out)).length).toBe(6)
  })

  it('refuses a shut-down image model before anything is sent, naming the one to use', async () => {
    const sim = await sims.start({ defaultKey: { ipm: 600 } })
    const d = await studioOn(3, 600, sim)
    await d.call(routes.studio.chooseOutDir.channel)
    const changed = (await d.call(routes.studio.setOptions.channel, {
      model: 'gpt-image-1'
    })) as StudioView
    expect(changed.estimate?.gone).toEqual({
      shutdownDate: '2026-10-23',
      replacement: 'gpt-image-2'
    })
    await expect(d.call(routes.studio.start.channel, {})).rejects.toMatchObject({
      problem: { code: 'modelGone', params: { n: 'gpt-image-1', replacement: 'gpt-image-2' } }
    })
    expect(sim.log.entries).toHaveLength(0)
    expect(existsSync(d.out)).toBe(false)
  })

  it('offers cheaper ways when the budget cannot hold the recipe, and runs none until one is picked', async () => {
    const sim = await sims.start({ defaultKey: { ipm: 600 } })
    const d = await studioOn(10, 600, sim)
    await d.call(routes.studio.chooseOutDir.channel)
    const asked = (await d.call(routes.studio.setOptions.channel, {
      quality: 'high',
      budgetUsd: 0.2
    })) as StudioView
    expect(asked.estimate?.fits).toBe(false)
    expect(asked.estimate?.cheaper.map((way) => way.quality)).toContain('low')
    expect(asked.estimate?.cheaper.every((way) => way.costUsd <= 0.2)).toBe(true)
    await expect(d.call(routes.studio.start.channel, {})).rejects.toMatchObject({
      problem: { code: 'studioDoesNotFit' }
    })
    expect(sim.log.entries).toHaveLength(0)
    const picked = (await d.call(routes.studio.setOptions.channel, {
      quality: 'low'
    })) as StudioView
    expect(picked.estimate?.fits).toBe(true)
    expect(picked.options.quality).toBe('low')
  })

  it('saves the recipe as chosen under a name, imports a recipe file (a wrong field named), and the CLI finds the saved one', async () => {
    const sim = await sims.start({ defaultKey: { ipm: 600 } })
    const d = await studioOn(2, 600, sim)
    await d.call(routes.studio.setOptions.channel, {
      recipeId: 'lifestyle',
      quality: 'low',
      prompt: 'On a beige linen tablecloth in soft morning light'
    })
    expect(
      await d.call(routes.studio.saveRecipe.channel, { name: 'Beige linen, morning' })
    ).toEqual({
      id: 'beige-linen-morning'
    })
    const saved = view(d)
    expect(saved.options).toEqual({ recipeId: 'beige-linen-morning' })
    expect(saved.recipes.find((r) => r.id === 'beige-linen-morning')).toMatchObject({
      name: 'Beige linen, morning',
      quality: 'low',
      prompt: 'On a beige linen tablecloth in soft morning light'
    })
    // The same name again gets its own id; nothing is overwritten.
    expect(
      await d.call(routes.studio.saveRecipe.channel, { name: 'Beige linen, morning' })
    ).toEqual({
      id: 'beige-linen-morning-2'
    })

    const root = await tempDir('recipe-files')
    const desktop = d.ws.deps.desktop as FakeDesktop
    desktop.recipe = join(root, 'wrong.json')
    await writeFile(
      desktop.recipe,
      JSON.stringify({ id: 'wrong', name: 'Wrong', ask: { prompt: 'x', quality: 'ultra' } })
    )
    await expect(d.call(routes.studio.importRecipe.channel)).rejects.toMatchObject({
      problem: {
        code: 'recipeInvalid',
        params: { message: expect.stringContaining('ask.quality') }
      }
    })
    desktop.recipe = join(root, 'square-grey.json')
    const square = {
      id: 'square-grey',
      name: 'Square on grey',
      after: [{ step: 'square', background: '#eeeeee' }]
    }
    await writeFile(desktop.recipe, JSON.stringify(square))
    expect(await d.call(routes.studio.importRecipe.channel)).toEqual({ id: 'square-grey' })
    expect(view(d).options.recipeId).toBe('square-grey')
    expect(view(d).estimate?.plan).toBeNull()

    // `photoscribe edit --recipe <id>` finds a recipe saved in the window, in the same data folder.
    const dataDir = join(d.photos, '..', 'data')
    const cli = await runInProcess([
      'edit',
      d.photos,
      '--recipe',
      'beige-linen-morning',
      '--out-dir',
      join(root, 'out'),
      '--data-dir',
      dataDir,
      '--dry-run'
    ])
    expect(cli.code).toBe(0)
    expect(cli.out[0]).toMatch(/^2 photos · recipe beige-linen-morning · low quality/)
  })

  it('stops with photos queued: images being made finish, the rest are not sent, none billed twice', async () => {
    const sim = await sims.start({ defaultKey: { ipm: 60, burstSeconds: 1 }, latencyMs: 300 })
    const d = await studioOn(20, 60, sim)
    await d.call(routes.studio.setOptions.channel, { quality: 'low' })
    await d.call(routes.studio.chooseOutDir.channel)
    await d.call(routes.studio.start.channel, {})
    await until(() => statuses(d).includes('made'), 10_000)
    await d.call(routes.studio.stop.channel)
    await ended(d)
    const made = statuses(d).filter((s) => s === 'made').length
    expect(made).toBeGreaterThan(0)
    expect(made).toBeLessThan(20)
    expect(statuses(d).filter((s) => s === 'waiting')).toHaveLength(20 - made)
    expect(view(d).stopReason).toBe('Stopped by you.')
    const sent = billed(sim).map((e) => e.images?.[0]?.sha256)
    expect(new Set(sent).size).toBe(sent.length)
    expect(sent).toHaveLength(made)
  })

  it('goes through the Batch API when asked: half the estimate, one batch, images collected into outputs with nothing sent live', async () => {
    const sim = await sims.start({ defaultKey: { ipm: 600 }, batch: { stepMs: 100 } })
    const d = await studioOn(5, 600, sim)
    await d.call(routes.studio.chooseOutDir.channel)
    const live = (await d.call(routes.studio.setOptions.channel, { quality: 'low' })) as StudioView
    const batched = (await d.call(routes.studio.setOptions.channel, { batch: true })) as StudioView
    expect(batched.estimate?.batch).toBe(true)
    expect(batched.estimate?.plan?.costUsd).toBeCloseTo(live.estimate!.plan!.costUsd / 2, 10)
    const saved = process.env.PHOTOSCRIBE_BATCH_POLL_MS
    process.env.PHOTOSCRIBE_BATCH_POLL_MS = '100'
    try {
      await d.call(routes.studio.start.channel, {})
      await until(() => statuses(d).includes('batched'), 5_000)
      expect(view(d).batches).toHaveLength(1)
      await ended(d)
    } finally {
      process.env.PHOTOSCRIBE_BATCH_POLL_MS = saved
    }
    expect(statuses(d)).toEqual(Array(5).fill('cached'))
    expect(view(d).batches).toBeUndefined()
    expect(view(d).spentUsd).toBeGreaterThan(0)
    expect(edits(sim)).toHaveLength(0)
    const creates = sim.log.entries.filter((e) => e.path === '/v1/batches' && e.method === 'POST')
    expect(creates).toHaveLength(1)
    expect((await readdir(d.out)).length).toBe(5)
  })

  it('keeps a job’s images and verdicts with the job: reopened after a restart, a torn last line lost alone', async () => {
    const sim = await sims.start({ defaultKey: { ipm: 600, burstSeconds: 1 }, latencyMs: 5 })
    const d = await studioOn(4, 600, sim)
    const { jobId } = (await d.call(routes.run.start.channel)) as { jobId: string }
    await until(() => d.ws.runs.view(jobId)?.running === false, 15_000)
    await d.call(routes.studio.setOptions.channel, { quality: 'low' })
    await d.call(routes.studio.chooseOutDir.channel)
    await d.call(routes.studio.start.channel, {})
    await ended(d)
    const rowOf = (name: string) => view(d).items.find((item) => item.name === name)!.rowId
    const rows = ['IMG_0000.jpg', 'IMG_0001.jpg', 'IMG_0002.jpg'].map(rowOf)
    expect(
      await d.call(routes.studio.approve.channel, { ids: rows.slice(0, 2), approved: true })
    ).toEqual({ changed: 2 })
    const images = await d.ws.studio.approvedImages(jobId)
    expect(images.root).toBe(d.out)
    expect([...images.byPhoto.values()].map((p) => p.slice(d.out.length + 1)).sort()).toEqual([
      'IMG_0000.white-background.jpg',
      'IMG_0001.white-background.jpg'
    ])
    // A Shopify file lists the approved images in place of their photos, the others as they were.
    const desktop = d.ws.deps.desktop as FakeDesktop
    desktop.savePath = join(d.out, '..', 'shopify.csv')
    await d.call(routes.export.save.channel, {
      format: 'shopify',
      shop: { groupBy: 'none', imageUrlBase: 'https://cdn.example.com/p/' }
    })
    const csv = await readFile(join(d.out, '..', 'shopify.csv'), 'utf8')
    expect(csv).toContain('https://cdn.example.com/p/IMG_0000.white-background.jpg')
    expect(csv).toContain('https://cdn.example.com/p/IMG_0001.white-background.jpg')
    expect(csv).toContain('https://cdn.example.com/p/IMG_0002.jpg')
    expect(csv).not.toContain('IMG_0002.white-background')

    const dir = d.ws.runs.view(jobId)!.job.dir
    await d.ws.close()
    await appendFile(join(dir, 'studio.jsonl'), '{"t":"approve","rowId":"')

    // The app starts again on the same data folder and opens the job.
    const reopened = testWorkspace(join(d.photos, '..', 'data'), {})
    workspace = reopened
    await reopened.snapshot()
    await openJob(reopened, jobId)
    await reopened.studio.opened()
    const back = reopened.studio.view()!
    expect(back.outDir).toBe(d.out)
    expect(back.options.quality).toBe('low')
    expect(
      back.items
        .filter((item) => item.approved)
        .map((item) => item.rowId)
        .sort()
    ).toEqual(rows.slice(0, 2).sort())
    // Outputs are kept by their name below the output folder, photos by row: no photo paths.
    expect(await readFile(join(dir, 'studio.jsonl'), 'utf8')).not.toContain(d.photos)
  })
})
