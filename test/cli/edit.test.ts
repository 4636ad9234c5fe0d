import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ExifTool } from 'exiftool-vendored'
import { afterAll, describe, expect, it } from 'vitest'
import { StudioRun, findRecipe, planFor, studioPhotos } from '../../src/core'
import { startSimulator } from '../../src/simulator/server'
import { cliSimulator, runInProcess } from '../helpers/cli'
import { makeJpeg } from '../helpers/images'
import { tempDir } from '../helpers/temp'

const simulator = cliSimulator()
const exiftool = new ExifTool({ maxProcs: 1 })
afterAll(() => exiftool.end())

async function photos(n: number): Promise<{ dir: string; root: string }> {
  const root = await tempDir('studio')
  const dir = join(root, 'photos', 'shoes')
  await mkdir(dir, { recursive: true })
  for (let i = 0; i < n; i++)
    await writeFile(join(dir, `SHOE-${i}.jpg`), await makeJpeg(300 + i, 240, (i * 23) % 255))
  return { dir: join(root, 'photos'), root }
}

async function hashes(dir: string): Promise<string[]> {
  const names = (await readdir(dir, { recursive: true })).filter((n) => n.endsWith('.jpg')).sort()
  return Promise.all(
    names.map(async (n) =>
      createHash('sha256')
        .update(await readFile(join(dir, n)))
        .digest('hex')
    )
  )
}

const edits = () => simulator.current().log.entries.filter((e) => e.path === '/v1/images/edits')

describe('photoscribe edit', () => {
  it('makes a white-background image of each photo at the key’s images per minute, billed once each; a second run sends nothing; gpt-image-1 is refused', async () => {
    await simulator.use({ defaultKey: { ipm: 600, burstSeconds: 1 } })
    const { dir, root } = await photos(20)
    const before = await hashes(dir)
    const out = join(root, 'out')
    const args = ['edit', dir, '--recipe', 'white-background', '--out-dir', out]
    const flags = [
      '--model',
      'gpt-image-2',
      '--quality',
      'low',
      '--ipm',
      '600',
      '--data-dir',
      join(root, 'data')
    ]
    const first = await runInProcess([...args, ...flags])
    expect(first.err).toBe('')
    expect(first.code).toBe(0)
    expect(first.out.at(-1)).toMatch(/^20 made · 0 from the cache/)
    const made = (await readdir(out, { recursive: true })).filter((n) => n.endsWith('.jpg'))
    expect(made.sort()).toEqual(
      Array.from({ length: 20 }, (_, i) => `shoes/SHOE-${i}.white-background.jpg`).sort()
    )
    expect(await hashes(dir)).toEqual(before)
    const ok = edits().filter((e) => e.outcome === 'ok')
    expect(ok).toHaveLength(20)
    expect(edits().filter((e) => e.status === 429).length / edits().length).toBeLessThanOrEqual(
      0.05
    )
    // Paced at the limit: from the first admission to the last, the rate is near 600/min —
    // not above it (the 429s say that), and not far under it. Only a coarse check here (0.6):
    // two of three full `npm test` runs measured 0.72–0.76 with three suites sharing two
    // cores, where it ran alone at 0.9+; `npm run bench -- images` measures the pacing (0.98+).
    const floorMs = (19 / 600) * 60_000
    const span = ok.at(-1)!.time - ok[0].time
    expect(floorMs / span).toBeGreaterThanOrEqual(0.6)
    const tags = await exiftool.read(join(out, 'shoes/SHOE-0.white-background.jpg'))
    expect(String((tags as Record<string, unknown>).DigitalSourceType)).toMatch(
      /compositeWithTrainedAlgorithmicMedia/
    )
    // What made it travels with the file.
    expect((tags as Record<string, unknown>).CreatorTool).toBe(
      'Photoscribe white-background (gpt-image-2, low, 1024x1024)'
    )

    const second = await runInProcess([...args, ...flags])
    expect(second.code).toBe(0)
    expect(second.out.at(-1)).toMatch(/^0 made · 20 from the cache \(nothing sent\)/)
    expect(edits()).toHaveLength(ok.length + edits().filter((e) => e.status !== 200).length)
    expect(
      (await readdir(out, { recursive: true })).filter((n) => n.endsWith('.jpg'))
    ).toHaveLength(20)

    const gone = await runInProcess([
      ...args,
      '--model',
      'gpt-image-1',
      '--data-dir',
      join(root, 'data')
    ])
    expect(gone.code).toBe(2)
    expect(gone.err).toMatch(/gpt-image-1 was shut down on 2026-10-23; use gpt-image-2/)
    expect(edits().filter((e) => e.model === 'gpt-image-1')).toHaveLength(0)
  }, 60_000)

  it('offers a lower quality when the budget cannot hold the recipe as asked, and says when nothing fits the time; sends nothing', async () => {
    await simulator.use()
    const { dir, root } = await photos(20)
    const base = [
      'edit',
      dir,
      '--recipe',
      'white-background',
      '--out-dir',
      join(root, 'out'),
      '--data-dir',
      join(root, 'data')
    ]
    const money = await runInProcess([
      ...base,
      '--quality',
      'high',
      '--budget',
      '0.5',
      '--ipm',
      '50'
    ])
    expect(money.code).toBe(3)
    expect(money.out.join('\n')).toMatch(/does not fit your \$0\.5 budget\. Nothing was sent\./)
    const offers = money.out.filter((line) => line.startsWith('  --quality'))
    expect(offers.length).toBeGreaterThan(0)
    expect(offers.every((line) => line.startsWith('  --quality low'))).toBe(true)
    const time = await runInProcess([
      ...base,
      '--quality',
      'low',
      '--finish-within',
      '1',
      '--ipm',
      '5'
    ])
    expect(time.code).toBe(3)
    expect(time.out.join('\n')).toMatch(/No lower quality or smaller size fits either/)
    expect(edits()).toHaveLength(0)
  })

  it("takes a person's own recipe from a JSON file, and names the field of one that is wrong", async () => {
    await simulator.use()
    const { dir, root } = await photos(2)
    const own = join(root, 'banner.json')
    await writeFile(
      own,
      JSON.stringify({
        id: 'banner',
        name: 'Banner',
        after: [{ step: 'square', background: '#f0f0f0' }],
        outputFormat: 'webp'
      })
    )
    const made = await runInProcess([
      'edit',
      dir,
      '--recipe',
      own,
      '--out-dir',
      join(root, 'out'),
      '--data-dir',
      join(root, 'data')
    ])
    expect(made.code).toBe(0)
    expect((await readdir(join(root, 'out', 'shoes'))).sort()).toEqual([
      'SHOE-0.banner.webp',
      'SHOE-1.banner.webp'
    ])
    const wrong = join(root, 'wrong.json')
    await writeFile(
      wrong,
      JSON.stringify({ id: 'wrong', name: 'Wrong', ask: { prompt: 'x', quality: 'ultra' } })
    )
    const refused = await runInProcess([
      'edit',
      dir,
      '--recipe',
      wrong,
      '--out-dir',
      join(root, 'out2'),
      '--data-dir',
      join(root, 'data')
    ])
    expect(refused.code).toBe(2)
    expect(refused.err).toMatch(/--recipe: The recipe .*wrong\.json is not valid: ask\.quality: /)
    expect(edits()).toHaveLength(0)
  })

  it('never upscales for a local recipe: a small photo is refused with its size, the rest made without the model', async () => {
    await simulator.use()
    const { dir, root } = await photos(2)
    const run = await runInProcess([
      'edit',
      dir,
      '--recipe',
      'min-size',
      '--out-dir',
      join(root, 'out'),
      '--data-dir',
      join(root, 'data')
    ])
    expect(run.code).toBe(1)
    expect(run.err).toMatch(/below the 1000 px the shop asks for/)
    const square = await runInProcess([
      'edit',
      dir,
      '--recipe',
      'square',
      '--out-dir',
      join(root, 'sq'),
      '--data-dir',
      join(root, 'data')
    ])
    expect(square.code).toBe(0)
    expect(edits()).toHaveLength(0)
  })
})

describe('the studio engine', () => {
  it('marks an image whose answer was lost after the photo was sent "possibly billed", and does not send it again', async () => {
    const sim = await startSimulator({ latencyMs: 600 })
    try {
      const { dir, root } = await photos(1)
      const run = new StudioRun(findRecipe('transparent')!, {
        baseURL: sim.url,
        keys: [{ id: 'k', apiKey: 'sk-x', ipm: 600 }],
        cacheDir: join(root, 'cache'),
        outDir: join(root, 'out'),
        timeoutMs: 200
      })
      const results = [...(await run.run(await studioPhotos([dir]))).values()]
      expect(results).toEqual([
        { status: 'possiblyBilled', reason: expect.stringMatching(/lost after the request was sent/) }
      ])
      await new Promise((resolve) => setTimeout(resolve, 700))
      expect(sim.log.entries.map((e) => e.outcome)).toEqual(['client_gone_billed'])
      // A later run does not send it again by itself; asked to (knowing), it does.
      const again = async (resendPossiblyBilled: boolean) =>
        new StudioRun(findRecipe('transparent')!, {
          baseURL: sim.url,
          keys: [{ id: 'k', apiKey: 'sk-x', ipm: 600 }],
          cacheDir: join(root, 'cache'),
          outDir: join(root, 'out'),
          resendPossiblyBilled
        }).run(await studioPhotos([dir]))
      expect([...(await again(false)).values()]).toEqual([
        { status: 'possiblyBilled', reason: expect.stringMatching(/^Not sent again: /) }
      ])
      expect(sim.log.entries).toHaveLength(1)
      expect([...(await again(true)).values()].map((r) => r.status)).toEqual(['made'])
      expect(sim.log.entries.map((e) => e.outcome)).toEqual(['client_gone_billed', 'ok'])
    } finally {
      await sim.close()
    }
  })

  it("sends two photos with the same bytes once: the second shares the first one's image, unbilled", async () => {
    const sim = await startSimulator({ latencyMs: 100 })
    try {
      const { dir, root } = await photos(1)
      await writeFile(
        join(dir, 'shoes', 'SHOE-copy.jpg'),
        await readFile(join(dir, 'shoes', 'SHOE-0.jpg'))
      )
      const run = new StudioRun(findRecipe('transparent')!, {
        baseURL: sim.url,
        keys: [{ id: 'k', apiKey: 'sk-x', ipm: 600 }],
        cacheDir: join(root, 'cache'),
        outDir: join(root, 'out')
      })
      const results = [...(await run.run(await studioPhotos([dir]))).values()]
      expect(results.map((r) => r.status).sort()).toEqual(['cached', 'made'])
      expect(sim.log.entries).toHaveLength(1)
    } finally {
      await sim.close()
    }
  })

  it('stops before the budget is spent: what would go over waits, unsent', async () => {
    const sim = await startSimulator()
    try {
      const { dir, root } = await photos(5)
      const recipe = findRecipe('transparent')!
      const each = planFor(recipe.ask!, 1, { ipm: 1, tpm: 1e12 }).costUsd
      const run = new StudioRun(recipe, {
        baseURL: sim.url,
        keys: [{ id: 'k', apiKey: 'sk-x', ipm: 600 }],
        cacheDir: join(root, 'cache'),
        outDir: join(root, 'out'),
        budgetUsd: each * 2.5
      })
      const results = [...(await run.run(await studioPhotos([dir]))).values()]
      expect(results.filter((r) => r.status === 'made')).toHaveLength(2)
      expect(results.filter((r) => r.status === 'waiting')).toHaveLength(3)
      expect(sim.log.entries).toHaveLength(2)
      expect(run.spentUsd).toBeLessThanOrEqual(each * 2.5)
    } finally {
      await sim.close()
    }
  })

  it('closes the lane of a key whose limit is 0 and makes every image on the other key', async () => {
    const sim = await startSimulator({
      keys: { 'sk-none': { ipm: 0 }, 'sk-good': { ipm: 600, burstSeconds: 1 } }
    })
    try {
      const { dir, root } = await photos(6)
      const run = new StudioRun(findRecipe('transparent')!, {
        baseURL: sim.url,
        keys: [
          { id: 'none', apiKey: 'sk-none', ipm: 600 },
          { id: 'good', apiKey: 'sk-good', ipm: 600 }
        ],
        cacheDir: join(root, 'cache'),
        outDir: join(root, 'out')
      })
      const results = [...(await run.run(await studioPhotos([dir]))).values()]
      expect(results.map((r) => r.status)).toEqual(Array(6).fill('made'))
      expect(results.every((r) => 'keyId' in r && r.keyId === 'good')).toBe(true)
      const refused = sim.log.entries.filter((e) => e.key.endsWith('none') || e.status === 429)
      expect(refused).toHaveLength(1)
    } finally {
      await sim.close()
    }
  })
})

describe('photoscribe edit killed mid-run', () => {
  it('loses no image that arrived and re-sends none of them after kill -9', async () => {
    await simulator.use({ latencyMs: 150, defaultKey: { ipm: 1200, burstSeconds: 1 } })
    const { dir, root } = await photos(16)
    const data = join(root, 'data')
    const args = ['edit', dir, '--recipe', 'transparent', '--out-dir', join(root, 'out')]
    const flags = ['--ipm', '1200', '--data-dir', data]
    const cacheDir = join(data, 'cache', 'studio')
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/index.ts', ...args, ...flags],
      {
        cwd: join(import.meta.dirname, '../..'),
        env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' }
      }
    )
    const exited = new Promise((resolve) => child.on('exit', resolve))
    const deadline = Date.now() + 30_000
    while ((await readdir(cacheDir).catch(() => [])).length < 4 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 10))
    child.kill('SIGKILL')
    await exited
    // What the killed run had in flight finishes on the server (billed, lost) before counting.
    await new Promise((resolve) => setTimeout(resolve, 500))
    const kept = (await readdir(cacheDir)).filter((name) => /^[0-9a-f]{64}$/.test(name)).length
    // What a write cut off by the kill leaves: swept by the next run into that folder.
    await mkdir(join(root, 'out', 'shoes'), { recursive: true })
    const partial = join(root, 'out', 'shoes', `SHOE-0.transparent.png.partial-${child.pid}-x1.png`)
    await writeFile(partial, 'half an image')
    const paid = () => edits().filter((e) => e.outcome === 'ok').length
    const before = paid()
    const rerun = await runInProcess([...args, ...flags])
    expect(rerun.code).toBe(0)
    // Every image that had arrived comes from the cache: only the others are sent.
    expect(paid() - before).toBe(16 - kept)
    expect(rerun.out.at(-1)).toMatch(new RegExp(`^${16 - kept} made · ${kept} from the cache`))
    const outputs = (await readdir(join(root, 'out'), { recursive: true })).filter((n) =>
      n.endsWith('.transparent.png')
    )
    expect(outputs).toHaveLength(16)
    expect(
      (await readdir(join(root, 'out'), { recursive: true })).filter((n) => n.includes('.partial-'))
    ).toEqual([])
  }, 60_000)
})
