import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { JobServiceError } from '../../../../src/main/core/service/job-service'
import { JobService } from '../../../../src/main/core/service/job-service'
import { photoFolder, testSettings } from '../../../helpers/job-fixtures'
import { simulatorPerTest } from '../../../helpers/sim'

const sims = simulatorPerTest()

describe('the job service (one way to run a job, for the CLI and the window)', () => {
  it('creates, runs on a connection and exports a job', async () => {
    const sim = await sims.start({ latencyMs: 2 })
    const { photos, dataDir } = await photoFolder(4)
    const service = new JobService(dataDir)
    const endpoint = { kind: 'compatible' as const, baseURL: sim.url }
    const job = await service.create(testSettings([photos], { endpoint }))
    const progress: number[] = []
    const run = service.start(
      job,
      { endpoint, baseURL: sim.url, keys: [{ id: 'k', label: 'Main', apiKey: 'sk-test-1234' }] },
      (p) => progress.push(p.totals.done)
    )
    expect(await run.run()).toEqual({ status: 'completed' })
    expect(progress.at(-1)).toBe(4)
    const out = join(dataDir, 'results.json')
    expect(await service.export(job, out)).toBe(4)
    expect(JSON.parse(await readFile(out, 'utf8'))).toHaveLength(4)
    const reopened = await service.open(job.id, endpoint)
    expect(reopened.state.finished).toBe(true)
  })

  it('refuses, naming the field: a budget without a price, a resume elsewhere, a missing job', async () => {
    const { photos, dataDir } = await photoFolder(1)
    const service = new JobService(dataDir)
    const refusal = (work: Promise<unknown>) =>
      work.catch((error: unknown) => error as JobServiceError)
    expect(
      await refusal(service.create(testSettings([photos], { model: 'llava', budgetUsd: 1 })))
    ).toMatchObject({
      field: 'budget',
      message: expect.stringContaining('there is no price for "llava"')
    })
    const job = await service.create(testSettings([photos]))
    expect(await refusal(service.open(job.id, { kind: 'openai' }))).toMatchObject({
      field: 'endpoint'
    })
    expect(await refusal(service.open('no-such-job', { kind: 'openai' }))).toMatchObject({
      field: 'job'
    })
  })
})
