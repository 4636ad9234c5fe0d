import { copyFile, readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { loadJob } from '../../../src/core/jobs/job-store'
import { newJob } from '../../../src/core/jobs/new-job'
import { JobRun } from '../../../src/core/jobs/run-job'
import { countItems } from '../../../src/core/jobs/job-state'
import { createOpenAITransport } from '../../../src/core/openai/transport'
import { systemClock } from '../../../src/core/scheduler/clock'
import { startSimulator, type Simulator } from '../../../src/simulator/server'
import type { SimulatorOverrides } from '../../../src/simulator/options'
import { photoFolder, testSettings } from '../../helpers/job-fixtures'

let sim: Simulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

const keys = new Map([
  ['main', 'sk-main-1111'],
  ['spare', 'sk-spare-2222']
])

async function run(
  dataDir: string,
  jobId: string,
  keyIds: string[],
  simOptions: SimulatorOverrides = {}
): Promise<Awaited<ReturnType<JobRun['run']>>> {
  sim ??= await startSimulator(simOptions)
  const job = await loadJob(dataDir, jobId)
  const engine = new JobRun(job, {
    dataDir,
    transport: createOpenAITransport({ baseURL: sim.url }, keys),
    keys: keyIds.map((id) => ({ id, label: id, rpm: 6000, tpm: 10_000_000 })),
    clock: systemClock
  })
  return engine.run()
}

describe('a job from folder to journal', () => {
  it('answers every photo once, journals each result, and marks the job finished', async () => {
    const { photos, dataDir } = await photoFolder(8)
    const job = await newJob(dataDir, testSettings([photos]))
    expect(await run(dataDir, job.id, ['main'])).toEqual({ status: 'completed' })
    const reloaded = await loadJob(dataDir, job.id)
    expect(countItems(reloaded.state)).toEqual({
      total: 8,
      done: 8,
      failed: 0,
      pending: 0,
      review: 0,
      approved: 0,
      rejected: 0
    })
    expect(reloaded.state.finished).toBe(true)
    const item = [...reloaded.state.items.values()][0]
    expect(item.result?.fields?.meta_description).toMatch(/^Discover this .{100,150}\.$/)
    expect(item.result?.costUsd).toBeGreaterThan(0)
    expect(sim!.log.entries).toHaveLength(8)
  })

  it('processes duplicate files once and keeps every path; a corrupt file fails alone', async () => {
    const { photos, dataDir } = await photoFolder(3)
    await copyFile(join(photos, 'IMG_0000.jpg'), join(photos, 'copy-of-first.jpg'))
    const { writeFile } = await import('node:fs/promises')
    await writeFile(join(photos, 'broken.jpg'), Buffer.from('not really a jpeg'))
    await writeFile(join(photos, 'notes.txt'), 'skip me')
    await writeFile(join(photos, '.hidden.jpg'), 'skip me too')
    await writeFile(join(photos, 'phone.heic'), 'heic bytes')
    const job = await newJob(dataDir, testSettings([photos]))
    expect(await run(dataDir, job.id, ['main'])).toEqual({ status: 'completed' })
    const state = (await loadJob(dataDir, job.id)).state
    const items = [...state.items.values()]
    expect(
      items
        .find((i) => i.paths.length === 2)
        ?.paths.map((p) => p.split('/').pop())
        .sort()
    ).toEqual(['IMG_0000.jpg', 'copy-of-first.jpg'])
    expect(items.find((i) => i.paths[0].endsWith('broken.jpg'))).toMatchObject({
      status: 'failed',
      code: 'not_an_image'
    })
    expect(items.find((i) => i.paths[0].endsWith('phone.heic'))).toMatchObject({
      status: 'failed',
      reason: expect.stringContaining('HEIC')
    })
    expect(items).toHaveLength(5)
    expect(sim!.log.entries.filter((e) => e.outcome === 'ok')).toHaveLength(3)
  })

  it('stops on quota keeping every result, and resumes with a new key without resending answered photos', async () => {
    const { photos, dataDir } = await photoFolder(10)
    const job = await newJob(dataDir, testSettings([photos]))
    const simOptions = { keys: { 'sk-main-1111': { quotaAfter: 4 }, 'sk-spare-2222': {} } }
    expect(await run(dataDir, job.id, ['main'], simOptions)).toMatchObject({
      status: 'stopped',
      kind: 'quota'
    })
    const stopped = await loadJob(dataDir, job.id)
    expect(countItems(stopped.state)).toMatchObject({ done: 4, pending: 6 })
    expect(stopped.state.stopped?.kind).toBe('quota')
    expect(await run(dataDir, job.id, ['spare'])).toEqual({ status: 'completed' })
    expect(countItems((await loadJob(dataDir, job.id)).state)).toMatchObject({
      done: 10,
      pending: 0
    })
    expect([...sim!.log.answersByImage().values()].every((n) => n === 1)).toBe(true)
  })

  it('serves an identical request in a later job from the result cache, for free', async () => {
    const { photos, dataDir } = await photoFolder(4)
    const first = await newJob(dataDir, testSettings([photos]))
    await run(dataDir, first.id, ['main'])
    const second = await newJob(dataDir, testSettings([photos]))
    expect(await run(dataDir, second.id, ['main'])).toEqual({ status: 'completed' })
    const results = [...(await loadJob(dataDir, second.id)).state.items.values()].map(
      (i) => i.result
    )
    expect(results.every((r) => r?.fromCache === true && r.costUsd === 0)).toBe(true)
    expect(sim!.log.entries).toHaveLength(4)
  })

  it('stops cleanly before going over the budget, resumable', async () => {
    const { photos, dataDir } = await photoFolder(10)
    const job = await newJob(dataDir, testSettings([photos], { budgetUsd: 0.0012 }))
    const outcome = await run(dataDir, job.id, ['main'])
    expect(outcome).toMatchObject({ status: 'stopped', kind: 'budget' })
    const state = (await loadJob(dataDir, job.id)).state
    const spent = [...state.items.values()].reduce((sum, i) => sum + (i.result?.costUsd ?? 0), 0)
    expect(spent).toBeLessThanOrEqual(0.0012)
    expect(countItems(state).done).toBeGreaterThan(0)
    expect(countItems(state).pending).toBeGreaterThan(0)
    const journal = await readFile(join(dataDir, 'jobs', job.id, 'journal.jsonl'), 'utf8')
    expect(journal.trim().split('\n').at(-1)).toContain('"e":"stopped"')
  })
})
