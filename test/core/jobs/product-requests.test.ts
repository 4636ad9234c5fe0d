import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { newJob } from '../../../src/core/jobs/new-job'
import type { JobItem } from '../../../src/core/jobs/job-state'
import type { JournalEvent } from '../../../src/core/jobs/journal-events'
import type { JobSettings, StoredJob } from '../../../src/core/jobs/job-store'
import { estimatePhotos } from '../../../src/core/jobs/photo-estimate'
import { startSimulator, type Simulator } from '../../../src/simulator/server'
import { runBatchOnSim } from '../../helpers/batch-run'
import { makeJpeg } from '../../helpers/images'
import { testSettings } from '../../helpers/job-fixtures'
import { runJobOnSim } from '../../helpers/job-run'
import { tempDir } from '../../helpers/temp'

let sim: Simulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

const NAMES = ['TSHIRT-01_back', 'TSHIRT-01_front', 'MUG-02', 'MUG-02_side', 'LAMP-03']
const GROUPED: Partial<JobSettings> = {
  templateId: 'listing-pack',
  groupBy: 'sku',
  skuPattern: '^([A-Z]+-[0-9]+)'
}

/** A folder of named photos (each a different colour); `broken` ones are not images at all. */
async function folder(
  names: string[],
  broken: string[] = []
): Promise<{ photos: string; dataDir: string }> {
  const root = await tempDir('products')
  const photos = join(root, 'photos')
  await mkdir(photos)
  for (const [i, name] of names.entries())
    await writeFile(
      join(photos, `${name}.jpg`),
      broken.includes(name)
        ? Buffer.from(`not a photo: ${name}`)
        : await makeJpeg(200 + i * 10, 160, i * 40)
    )
  return { photos, dataDir: join(root, 'data') }
}

const chats = (s: Simulator) =>
  s.log.entries.filter((e) => e.path.endsWith('/chat/completions') && e.status === 200)

const byName = (job: StoredJob, name: string): JobItem =>
  [...job.state.items.values()].find((item) => item.paths[0].endsWith(`/${name}.jpg`))!

async function journal(job: StoredJob): Promise<JournalEvent[]> {
  const text = await readFile(job.journalPath, 'utf8')
  return text
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as JournalEvent)
}

describe('one request per product', () => {
  it('sends each product once with all its photos (front first), gives every photo its own alt text and bills the product once', async () => {
    sim = await startSimulator()
    const { photos, dataDir } = await folder(NAMES)
    const created = await newJob(dataDir, testSettings([photos], GROUPED))
    const { outcome, job } = await runJobOnSim(dataDir, created.id, { sim })
    expect(outcome).toEqual({ status: 'completed' })
    expect(
      chats(sim)
        .map((e) => e.images?.length)
        .sort()
    ).toEqual([1, 2, 2])
    const front = byName(job, 'TSHIRT-01_front')
    const back = byName(job, 'TSHIRT-01_back')
    // The front photo leads (sent first, carries the spend), though "back" sorts first by name.
    expect(front.result?.costUsd).toBeGreaterThan(0)
    expect(back.result).toMatchObject({ costUsd: 0, promptTokens: 0, lead: front.id })
    expect(back.result?.fields?.title).toBe(front.result?.fields?.title)
    expect(typeof front.result?.fields?.alt_text).toBe('string')
    expect(back.result?.fields?.alt_text).not.toBe(front.result?.fields?.alt_text)
    // Billed once: the job's spend is what the three answers cost, no photo counted twice.
    const billed = chats(sim).reduce((sum, e) => sum + (e.promptTokens ?? 0), 0)
    const counted = [...job.state.items.values()].reduce(
      (sum, i) => sum + (i.result?.promptTokens ?? 0),
      0
    )
    expect(counted).toBe(billed)
    // A product's answer is one journal line for all its photos (a crash never keeps half).
    const done = (await journal(job)).filter((e) => e.e === 'done')
    expect(done).toHaveLength(3)
    expect(done.find((e) => e.id === front.id)).toMatchObject({ photos: [front.id, back.id] })
  })

  it("resumes after a crash that tore a product's answer off the journal: the whole product is sent again, once", async () => {
    sim = await startSimulator()
    const { photos, dataDir } = await folder(NAMES)
    const created = await newJob(dataDir, testSettings([photos], GROUPED))
    const first = await runJobOnSim(dataDir, created.id, { sim })
    const lines = (await readFile(first.job.journalPath, 'utf8')).split('\n').filter(Boolean)
    const lastDone = lines.findLastIndex((line) => line.includes('"e":"done"'))
    const torn = lines[lastDone].slice(0, 40)
    const kept = lines.slice(0, lastDone).filter((line) => !line.includes('"e":"finished"'))
    await writeFile(first.job.journalPath, `${kept.join('\n')}\n${torn}`)
    await rm(join(dataDir, 'cache', 'results'), { recursive: true, force: true })
    const lost = JSON.parse(lines[lastDone]) as Extract<JournalEvent, { e: 'done' }>
    const { job } = await runJobOnSim(dataDir, created.id, { sim })
    expect(chats(sim)).toHaveLength(4)
    expect(chats(sim).at(-1)?.images).toHaveLength(lost.photos?.length ?? 1)
    expect([...job.state.items.values()].every((item) => item.status === 'done')).toBe(true)
  })

  it('answers a second job over the same photos from the cache: nothing is sent', async () => {
    sim = await startSimulator()
    const { photos, dataDir } = await folder(NAMES)
    const first = await newJob(dataDir, testSettings([photos], GROUPED))
    await runJobOnSim(dataDir, first.id, { sim })
    const sent = chats(sim).length
    const second = await newJob(dataDir, testSettings([photos], GROUPED))
    const { job } = await runJobOnSim(dataDir, second.id, { sim })
    expect(chats(sim).length).toBe(sent)
    const items = [...job.state.items.values()]
    expect(items.every((item) => item.status === 'done' && item.result?.fromCache)).toBe(true)
    const alt = (name: string) => byName(job, name).result?.fields?.alt_text
    expect(alt('MUG-02_side')).not.toBe(alt('MUG-02'))
  })

  it('splits a product with more photos than the template takes, and sends the rest of a product whose photo cannot be prepared', async () => {
    sim = await startSimulator()
    const names = [
      'BAG-09_1',
      'BAG-09_2',
      'BAG-09_3',
      'BAG-09_4',
      'BAG-09_5',
      'BAG-09_6',
      'BAG-09_7',
      'HAT-04_a',
      'HAT-04_b',
      'HAT-04_c',
      'SOCK-05'
    ]
    const { photos, dataDir } = await folder(names, ['HAT-04_b', 'SOCK-05'])
    const created = await newJob(dataDir, testSettings([photos], GROUPED))
    const { job } = await runJobOnSim(dataDir, created.id, { sim })
    // BAG-09: 6 + 1 (the template's default limit); HAT-04: 2 of 3; SOCK-05: nothing to send.
    expect(
      chats(sim)
        .map((e) => e.images?.length)
        .sort()
    ).toEqual([1, 2, 6])
    expect(byName(job, 'BAG-09_7').result?.lead).toBeUndefined()
    expect(byName(job, 'BAG-09_2').result?.lead).toBe(byName(job, 'BAG-09_1').id)
    const hat = byName(job, 'HAT-04_b')
    expect(hat.status).toBe('failed')
    expect(hat.reason).toMatch(/Its product was sent with its other 2 photos\./)
    expect(byName(job, 'HAT-04_c').result?.lead).toBe(byName(job, 'HAT-04_a').id)
    expect(byName(job, 'SOCK-05')).toMatchObject({ status: 'failed' })
    expect(byName(job, 'SOCK-05').reason).not.toMatch(/Its product/)
  })

  it("takes a product's answer calmly when one of its photos was removed while it was asked", async () => {
    sim = await startSimulator({ latencyMs: 300 })
    const { photos, dataDir } = await folder(NAMES)
    const created = await newJob(dataDir, testSettings([photos], GROUPED))
    const back = byName(created, 'TSHIRT-01_back')
    const { outcome, job } = await runJobOnSim(dataDir, created.id, {
      sim,
      started: (run) =>
        void new Promise((resolve) => setTimeout(resolve, 100)).then(() =>
          run.note({ e: 'removed', id: back.id, at: Date.now() })
        )
    })
    expect(outcome).toEqual({ status: 'completed' })
    expect(job.state.items.has(back.id)).toBe(false)
    expect(byName(job, 'TSHIRT-01_front').status).toBe('done')
  })

  it('estimates a request per product, not per photo', () => {
    const measured = NAMES.map((name) => ({
      path: `/p/${name}.jpg`,
      size: { width: 800, height: 800 }
    }))
    const alone = estimatePhotos(testSettings(['/p'], { templateId: 'listing-pack' }), measured)
    const grouped = estimatePhotos(testSettings(['/p'], GROUPED), measured)
    expect(alone.requests).toHaveLength(5)
    expect(grouped.requests).toHaveLength(3)
    // The instructions are paid once per product: less in all, the same photos' tokens.
    expect(grouped.estimate.promptTokens).toBeLessThan(alone.estimate.promptTokens)
    const imageTokens = (e: typeof alone) => e.requests.reduce((sum, r) => sum + r.imageTokens, 0)
    expect(imageTokens(grouped)).toBe(imageTokens(alone))
  })

  it('sends a product as one Batch line and gives its answer to every photo', async () => {
    sim = await startSimulator()
    const { photos, dataDir } = await folder(NAMES)
    const created = await newJob(dataDir, testSettings([photos], { ...GROUPED, mode: 'batch' }))
    const { outcome, job } = await runBatchOnSim(dataDir, created.id, { sim })
    expect(outcome).toEqual({ status: 'completed' })
    const part = [...job.state.batch.parts.values()][0]
    expect(part.lines).toBe(3)
    const items = [...job.state.items.values()]
    expect(items.every((item) => item.status === 'done')).toBe(true)
    const mug = byName(job, 'MUG-02')
    expect(byName(job, 'MUG-02_side').result).toMatchObject({ lead: mug.id, costUsd: 0 })
    expect(byName(job, 'MUG-02_side').result?.fields?.alt_text).not.toBe(
      mug.result?.fields?.alt_text
    )
  })
})
