import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { JobServiceError } from '../../../src/core/service/job-service'
import { countItems } from '../../../src/core/jobs/job-state'
import { JobService } from '../../../src/core/service/job-service'
import { photoFolder, testSettings } from '../../helpers/job-fixtures'
import { chatRequests, simulatorPerTest } from '../../helpers/sim'

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
    expect((await service.export(job, out)).rows).toBe(4)
    expect(JSON.parse(await readFile(out, 'utf8'))).toHaveLength(4)
    const reopened = await service.resume(job.id, endpoint)
    expect((await service.list()).map((summary) => summary.id)).toEqual([job.id])
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
      problem: { code: 'budgetNeedsPrice', field: 'budget', params: { n: 'llava' } }
    })
    const job = await service.create(testSettings([photos]))
    expect(await refusal(service.resume(job.id, { kind: 'openai' }))).toMatchObject({
      field: 'endpoint',
      problem: { code: 'resumeElsewhere', params: { kind: 'compatible' } }
    })
    expect((await service.open(job.id)).id).toBe(job.id)
    expect(await refusal(service.open('no-such-job'))).toMatchObject({
      field: 'job',
      problem: { code: 'jobUnreadable' }
    })
  })
})

describe('a key stopped in one run', () => {
  it('sends again when a person resumes after fixing it (the shared lane is not stuck stopped)', async () => {
    const broke = await sims.start({ latencyMs: 2, defaultKey: { quotaAfter: 3 } })
    const { photos, dataDir } = await photoFolder(8)
    const service = new JobService(dataDir)
    const endpoint = { kind: 'compatible' as const, baseURL: broke.url }
    const job = await service.create(testSettings([photos], { endpoint }))
    const connection = (url: string) => ({
      endpoint,
      baseURL: url,
      keys: [{ id: 'k', label: 'Main', apiKey: 'sk-test-1234' }]
    })
    expect(await service.start(job, connection(broke.url)).run()).toMatchObject({
      status: 'stopped',
      kind: 'quota'
    })
    const healthy = await sims.start({ latencyMs: 2 })
    expect(await service.start(job, connection(healthy.url)).run()).toEqual({ status: 'completed' })
    expect([...job.state.items.values()].every((item) => item.status === 'done')).toBe(true)
  })
})

describe('several jobs on one key', () => {
  /** Two jobs of 30 photos at once on one key that allows 600 requests a minute. */
  async function twoJobsAtOnce(
    shared: boolean
  ): Promise<{ settled: number; done: number; limited: number; total: number }> {
    const sim = await sims.start({
      latencyMs: 20,
      defaultKey: { rpm: 600, tpm: 10_000_000, burstSeconds: 1 }
    })
    const endpoint = { kind: 'compatible' as const, baseURL: sim.url }
    const connection = {
      endpoint,
      baseURL: sim.url,
      keys: [{ id: 'k', label: 'Main', apiKey: 'sk-one-key', rpm: 600 }]
    }
    const one = await photoFolder(30)
    const two = await photoFolder(30)
    const serviceA = new JobService(one.dataDir)
    const serviceB = shared ? serviceA : new JobService(one.dataDir)
    const jobA = await serviceA.create(testSettings([one.photos], { endpoint, rpm: 600 }))
    const jobB = await serviceB.create(testSettings([two.photos], { endpoint, rpm: 600 }))
    await Promise.all([
      serviceA.start(jobA, connection).run(),
      serviceB.start(jobB, connection).run()
    ])
    const log = chatRequests(sim)
    const settled = [jobA, jobB].reduce((sum, job) => {
      const counts = countItems(job.state)
      return sum + counts.done + counts.failed
    }, 0)
    return {
      settled,
      done: log.filter((e) => e.status === 200).length,
      limited: log.filter((e) => e.outcome === 'rate_limited').length,
      total: log.length
    }
  }

  it('share one lane per key, so together they stay within its limits', async () => {
    const together = await twoJobsAtOnce(true)
    expect(together.done).toBe(60)
    expect(together.limited / together.total).toBeLessThan(0.05)
    // Each with a lane of its own believes it has the whole key until 429s teach it otherwise
    // (the rate governor cuts its rate): more 429s than one shared lane, none lost.
    const apart = await twoJobsAtOnce(false)
    expect(apart.settled).toBe(60)
    expect(apart.limited).toBeGreaterThan(together.limited)
  }, 60_000)
})
