import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { newJob } from '../../../src/core/jobs/new-job'
import { makeJpeg } from '../../helpers/images'
import { testSettings } from '../../helpers/job-fixtures'
import { tempDir } from '../../helpers/temp'
import { cliSimulator, runInProcess } from '../../helpers/cli'

const simulator = cliSimulator()

/** 30 photos of 10 products (3 views each), every photo different. */
async function catalogue(): Promise<{ photos: string; dataDir: string }> {
  const root = await tempDir('shard')
  const photos = join(root, 'photos')
  await mkdir(photos)
  for (let p = 0; p < 10; p++)
    for (const [v, view] of ['front', 'back', 'side'].entries())
      await writeFile(
        join(photos, `BAG-${p}_${view}.jpg`),
        await makeJpeg(100 + p, 80 + v, p * 20 + v)
      )
  return { photos, dataDir: join(root, 'data') }
}

const names = (job: Awaited<ReturnType<typeof newJob>>): string[] =>
  [...job.state.items.values()].map((item) => item.paths[0].split('/').at(-1)!)

describe('--shard i/n', () => {
  it('splits a folder across machines: every photo in exactly one shard, a product never split', async () => {
    const { photos, dataDir } = await catalogue()
    const grouped = { groupBy: 'sku' as const, skuPattern: '^(BAG-\\d+)_' }
    const shards = []
    for (const index of [1, 2, 3])
      shards.push(
        names(
          await newJob(dataDir, testSettings([photos], { ...grouped, shard: { index, count: 3 } }))
        )
      )
    const all = shards.flat()
    expect(all.sort()).toEqual(names(await newJob(dataDir, testSettings([photos]))).sort())
    expect(new Set(all).size).toBe(30)
    for (const shard of shards) {
      const products = new Set(shard.map((name) => name.split('_')[0]))
      for (const product of products)
        expect(shard.filter((n) => n.startsWith(`${product}_`))).toHaveLength(3)
    }
    // Stable: the same slice again gives the same photos.
    const again = names(
      await newJob(dataDir, testSettings([photos], { ...grouped, shard: { index: 2, count: 3 } }))
    )
    expect(again.sort()).toEqual([...shards[1]].sort())
  })

  it('without a grouping, splits by content; refuses a shard that is not i/n with i from 1 to n', async () => {
    await simulator.use()
    const { photos, dataDir } = await catalogue()
    const sizes = []
    for (const index of [1, 2]) {
      const job = await newJob(dataDir, testSettings([photos], { shard: { index, count: 2 } }))
      sizes.push(job.state.items.size)
    }
    expect(sizes[0] + sizes[1]).toBe(30)
    expect(Math.min(...sizes)).toBeGreaterThan(5)
    for (const [shard, words] of [
      ['4/3', /--shard takes i\/n with i from 1 to n/],
      ['two', /--shard: write this machine's part as i\/n/]
    ] as const) {
      const run = await runInProcess([
        'run',
        photos,
        '--dry-run',
        '--data-dir',
        dataDir,
        '--shard',
        shard
      ])
      expect(run.code).toBe(2)
      expect(run.err).toMatch(words)
    }
  })
})
