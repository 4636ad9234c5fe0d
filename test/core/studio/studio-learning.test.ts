import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { StudioRun, askedRecipe, findRecipe, studioPhotos } from '../../../src/core'
import { eachImage } from '../../../src/core/studio/studio-plan'
import { ImageSpend } from '../../../src/core/studio/image-spend'
import { startSimulator, type Simulator } from '../../../src/simulator/server'
import { makeJpeg } from '../../helpers/images'
import { tempDir } from '../../helpers/temp'

/** What a studio run learns from answers: the key's images per minute, and what an image costs. */
let sim: Simulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

async function photoDir(n: number): Promise<string> {
  const dir = join(await tempDir('studio-learn'), 'photos')
  await mkdir(dir, { recursive: true })
  for (let i = 0; i < n; i++)
    await writeFile(join(dir, `P${i}.jpg`), await makeJpeg(200 + i, 160, (i * 41) % 255))
  return dir
}

describe('a studio run learns from its answers', () => {
  it('takes the images per minute the headers name over the tier-1 guess, and the cost of an image from usage', async () => {
    sim = await startSimulator({ defaultKey: { ipm: 240, burstSeconds: 1 }, latencyMs: 10 })
    const recipe = askedRecipe(findRecipe('white-background')!, { quality: 'low' })
    const root = await tempDir('studio-learn-run')
    const run = new StudioRun(recipe, {
      baseURL: sim.url,
      // Told 6 a minute (a tier-1 guess): eight photos would take 70 s at that pace.
      keys: [{ id: 'k1', apiKey: 'sk-learn-1', ipm: 6 }],
      cacheDir: join(root, 'cache'),
      outDir: join(root, 'out')
    })
    expect(run.spend.observedEachUsd).toBeNull()
    const results = [...(await run.run(await studioPhotos([await photoDir(8)]))).values()]
    expect(results.map((r) => r.status)).toEqual(Array(8).fill('made'))
    // The first answer's `x-ratelimit-limit-images: 240` became the lane's limit.
    expect(run.lanesNow()).toMatchObject([{ id: 'k1', ipm: 240, closed: false }])
    const edits = sim.log.entries.filter((e) => e.path === '/v1/images/edits')
    expect(edits.filter((e) => e.outcome !== 'ok')).toEqual([])
    const span = edits.at(-1)!.at - edits[0].at
    // At 6 a minute the eight would be 70 s apart end to end; at 240, under one 10 s step.
    expect(span).toBeLessThan(10_000)
    // The expected cost of the next image is the average of what answers cost.
    expect(run.spend.observedEachUsd).toBeCloseTo(run.spentUsd / 8, 10)
  })

  it('paces a key by its tokens per minute too, when those bind before its images per minute', async () => {
    sim = await startSimulator({
      defaultKey: { ipm: 600, imageTpm: 30_000, burstSeconds: 1 },
      latencyMs: 10
    })
    const recipe = askedRecipe(findRecipe('white-background')!, { quality: 'low' })
    const root = await tempDir('studio-tpm')
    const run = new StudioRun(recipe, {
      baseURL: sim.url,
      // 600 images a minute would send all six at once; 30,000 tokens a minute allow ~50.
      keys: [{ id: 'k1', apiKey: 'sk-tpm-1', ipm: 600, tpm: 30_000 }],
      cacheDir: join(root, 'cache'),
      outDir: join(root, 'out')
    })
    const results = [...(await run.run(await studioPhotos([await photoDir(6)]))).values()]
    expect(results.map((r) => r.status)).toEqual(Array(6).fill('made'))
    const edits = sim.log.entries.filter((e) => e.path === '/v1/images/edits')
    expect(edits.filter((e) => e.status === 429).length).toBeLessThanOrEqual(1)
    const ok = edits.filter((e) => e.outcome === 'ok')
    // Five gaps of one image's tokens at 30,000 a minute (~1.2 s each), not all at once.
    const tokens = eachImage(recipe.ask!).tokens
    expect(ok.at(-1)!.time - ok[0].time).toBeGreaterThan(0.8 * 5 * (tokens / 30_000) * 60_000)
  })

  it('reserves the next image at the average the answers cost, not the catalog’s figure, within the budget', () => {
    const ask = askedRecipe(findRecipe('white-background')!, { quality: 'high' }).ask!
    const catalog = eachImage(ask).costUsd
    const spend = new ImageSpend(ask, 1)
    const first = spend.reserve()
    expect(first).toEqual({ reservedUsd: catalog })
    // Answers that used half the output tokens the catalog expects for a high-quality square.
    const usage = { inputTokens: 400, inputImageTokens: 323, outputTokens: 3_520 }
    const done = { kind: 'done', image: Buffer.alloc(0), usage, limit: null } as const
    spend.settle(catalog, done)
    const learned = spend.observedEachUsd!
    expect(learned).toBeLessThan(catalog * 0.6)
    expect(spend.reserve()).toEqual({ reservedUsd: learned })
    spend.settle(learned, done)
    expect(spend.spentUsd).toBeCloseTo(2 * learned, 10)
    // A lost answer after sending counts at the estimate; one never sent costs nothing.
    spend.settle(learned, { kind: 'possiblyBilled', message: 'reset' })
    spend.settle(learned, { kind: 'notSent', message: 'refused' })
    expect(spend.spentUsd).toBeCloseTo(3 * learned, 10)
    // Reservations stop at the budget: what is left no longer holds one more image.
    let reserved = 0
    while ('reservedUsd' in spend.reserve()) reserved++
    expect(3 * learned + reserved * learned).toBeLessThanOrEqual(1 + 1e-9)
    expect(spend.reserve()).toMatchObject({ overBudget: expect.stringContaining('$1 budget') })
  })
})
