import { readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { findModel } from '../../../src/shared/models/catalog'
import { tokenCost } from '../../../src/core/estimate/catalog-overrides'
import { estimateFromPhotos } from '../../../src/core/jobs/dry-run'
import { newJob } from '../../../src/core/jobs/new-job'
import { readJournal } from '../../../src/core/jobs/journal'
import type { StoredJob } from '../../../src/core/jobs/job-store'
import { photoFolder, testSettings } from '../../helpers/job-fixtures'
import { runJobOnSim } from '../../helpers/job-run'
import { requestCounts, runBatchOnSim } from '../../helpers/batch-run'
import { simulatorPerTest } from '../../helpers/sim'

const sims = simulatorPerTest()
const batchPrices = findModel('gpt-4o')!.prices

async function batchJob(n: number): Promise<{ dataDir: string; jobId: string; photos: string }> {
  const { photos, dataDir } = await photoFolder(n)
  const job = await newJob(dataDir, testSettings([photos], { mode: 'batch' }))
  return { dataDir, jobId: job.id, photos }
}

function texts(job: StoredJob): Map<string, string> {
  return new Map(
    [...job.state.items.values()].map((item) => [item.paths[0], item.result?.text ?? ''])
  )
}

async function journalKinds(job: StoredJob): Promise<string[]> {
  return (await readJournal(job.journalPath)).events.map((event) => event.e)
}

describe('Batch mode against the simulator', () => {
  it('splits a job into files by size, uploads and creates each once, and joins shuffled output to the right photos', async () => {
    const sim = await sims.start({ batch: { stepMs: 100 } })
    const { dataDir, jobId, photos } = await batchJob(12)
    const { outcome, job } = await runBatchOnSim(dataDir, jobId, {
      sim,
      context: { partLimits: { maxBytes: 2_500 } }
    })
    expect(outcome).toEqual({ status: 'completed' })
    const parts = [...job.state.batch.parts.values()]
    expect(parts.length).toBeGreaterThanOrEqual(4)
    for (const part of parts) expect(part.bytes <= 2_500 || part.lines === 1).toBe(true)
    expect(parts.reduce((sum, p) => sum + p.lines, 0)).toBe(12)
    const counts = requestCounts(sim)
    expect(counts['POST /v1/files']).toBe(parts.length)
    expect(counts['POST /v1/batches']).toBe(parts.length)
    expect(counts['POST /v1/chat/completions']).toBeUndefined()
    // The same photos run live get the same (photo-derived) answers: every line went to its photo.
    const live = await newJob(join(dataDir, 'live'), testSettings([photos]))
    const { job: liveJob } = await runJobOnSim(join(dataDir, 'live'), live.id, { sim })
    expect(texts(job)).toEqual(texts(liveJob))
    for (const item of job.state.items.values()) {
      const r = item.result!
      expect(r.costUsd).toBeCloseTo(
        tokenCost(
          { ...batchPrices, input: batchPrices.batchInput, output: batchPrices.batchOutput },
          r.promptTokens,
          r.completionTokens
        ),
        10
      )
    }
    expect(await readdir(join(job.dir, 'batch'))).toEqual([])
  })

  it('re-runs failed lines live with one resume, and sends only those', async () => {
    const sim = await sims.start({ batch: { stepMs: 100, failRate: 0.4 }, seed: 7 })
    const { dataDir, jobId } = await batchJob(20)
    const { job } = await runBatchOnSim(dataDir, jobId, { sim })
    const failed = [...job.state.items.values()].filter((i) => i.status === 'failed')
    expect(failed.length).toBeGreaterThan(0)
    expect(failed.every((i) => i.code === 'transient')).toBe(true)
    const { outcome, job: after } = await runJobOnSim(dataDir, jobId, { sim })
    expect(outcome).toEqual({ status: 'completed' })
    expect([...after.state.items.values()].every((i) => i.status === 'done')).toBe(true)
    expect(requestCounts(sim)['POST /v1/chat/completions']).toBe(failed.length)
  })

  it('re-runs failed lines in a new batch with one resume, and only those', async () => {
    const sim = await sims.start({ batch: { stepMs: 100, failRate: 0.4 }, seed: 11 })
    const { dataDir, jobId } = await batchJob(15)
    const { job } = await runBatchOnSim(dataDir, jobId, { sim })
    const failed = [...job.state.items.values()].filter((i) => i.status === 'failed')
    expect(failed.length).toBeGreaterThan(0)
    // A failed line waits for the person: the run made one batch only.
    expect(job.state.batch.parts.size).toBe(1)
    sim.options.batch.failRate = 0
    const { outcome, job: after } = await runBatchOnSim(dataDir, jobId, { sim })
    expect(outcome).toEqual({ status: 'completed' })
    expect(after.state.batch.parts.get(2)?.ids.sort()).toEqual(failed.map((i) => i.id).sort())
    expect([...after.state.items.values()].every((i) => i.status === 'done')).toBe(true)
  })

  it('reserves at Batch prices: stops before the budget, bills what usage says, resumes', async () => {
    const sim = await sims.start({ batch: { stepMs: 100 } })
    const { photos, dataDir } = await photoFolder(10)
    const probe = await newJob(join(dataDir, 'probe'), testSettings([photos]))
    const estimate = await estimateFromPhotos(probe.state, probe.settings, [
      { rpm: 6000, tpm: 1e7 }
    ])
    const perPhoto = estimate.costBatch! / estimate.requests
    // Room for 4.5 photos at Batch prices: (at live prices it would be 2).
    const budgetUsd = perPhoto * 4.5
    const job = await newJob(dataDir, testSettings([photos], { mode: 'batch', budgetUsd }))
    const { outcome, job: after } = await runBatchOnSim(dataDir, job.id, { sim })
    expect(outcome).toMatchObject({ status: 'stopped', kind: 'budget' })
    const done = [...after.state.items.values()].filter((i) => i.status === 'done')
    expect(done).toHaveLength(4)
    const spent = done.reduce((sum, i) => sum + i.result!.costUsd, 0)
    expect(spent).toBeLessThanOrEqual(budgetUsd)
    expect(spent).toBeGreaterThan(0)
    await writeFile(
      join(after.dir, 'job.json'),
      JSON.stringify({ version: 1, id: job.id, settings: { ...job.settings, budgetUsd: 1 } })
    )
    const again = await runBatchOnSim(dataDir, job.id, { sim })
    expect(again.outcome).toEqual({ status: 'completed' })
    expect([...again.job.state.items.values()].every((i) => i.status === 'done')).toBe(true)
  })

  it('completes an expired batch with a second batch, keeping the partial results', async () => {
    const sim = await sims.start({ batch: { stepMs: 100, expire: 1 } })
    const { dataDir, jobId } = await batchJob(10)
    const { outcome, job } = await runBatchOnSim(dataDir, jobId, { sim })
    expect(outcome).toEqual({ status: 'completed' })
    const parts = [...job.state.batch.parts.values()]
    expect(parts.map((p) => [p.status, p.lines])).toEqual([
      ['expired', 10],
      ['completed', 5]
    ])
    expect([...job.state.items.values()].every((i) => i.status === 'done')).toBe(true)
    expect(requestCounts(sim)['POST /v1/files']).toBe(2)
  })

  it('fails the photos of a file that fails validation with the server’s reason, and loses nothing else', async () => {
    const sim = await sims.start({ batch: { stepMs: 100, failValidation: 1 } })
    const { dataDir, jobId } = await batchJob(6)
    const { job } = await runBatchOnSim(dataDir, jobId, {
      sim,
      context: { partLimits: { maxLines: 3 } }
    })
    const items = [...job.state.items.values()]
    expect(items.filter((i) => i.status === 'failed').map((i) => i.code)).toEqual([
      'batch_invalid',
      'batch_invalid',
      'batch_invalid'
    ])
    expect(items.filter((i) => i.status === 'failed')[0].reason).toMatch(/failValidation/)
    expect(items.filter((i) => i.status === 'done')).toHaveLength(3)
  })

  for (const refusal of ['failed', '429'] as const) {
    it(`keeps within an enqueued-token limit it learns from a ${refusal === '429' ? '429' : 'failed batch'}`, async () => {
      const sim = await sims.start({
        batch: { stepMs: 150, queueRefusal: refusal },
        defaultKey: { batchQueueTokens: 1_000 }
      })
      const { dataDir, jobId } = await batchJob(12)
      const { outcome, job } = await runBatchOnSim(dataDir, jobId, {
        sim,
        batchQueueTokens: 100_000,
        context: { partLimits: { maxLines: 2 } }
      })
      expect(outcome).toEqual({ status: 'completed' })
      expect(job.state.batch.learnedLimit).toBe(1_000)
      expect([...job.state.items.values()].every((i) => i.status === 'done')).toBe(true)
      expect(await journalKinds(job)).toContain('batch-limit')
      // Once the limit was known, no batch made after it was refused.
      const events = (await readJournal(job.journalPath)).events
      const learnedAt = events.findIndex((e) => e.e === 'batch-limit')
      const createdAt = (part: number, before: number): number =>
        events.findLastIndex((e, i) => i < before && e.e === 'batch-creating' && e.part === part)
      events.forEach((e, i) => {
        if (e.e === 'batch-refused') expect(createdAt(e.part, i)).toBeLessThan(learnedAt)
      })
      expect(events.filter((e) => e.e === 'batch-created').length).toBeGreaterThanOrEqual(6)
    })
  }

  it('submits only what fits the enqueued-token limit it was given, the rest as batches finish', async () => {
    const sim = await sims.start({
      batch: { stepMs: 100 },
      defaultKey: { batchQueueTokens: 1_000 }
    })
    const { dataDir, jobId } = await batchJob(12)
    const { outcome, job } = await runBatchOnSim(dataDir, jobId, {
      sim,
      batchQueueTokens: 1_000,
      context: { partLimits: { maxLines: 2 } }
    })
    expect(outcome).toEqual({ status: 'completed' })
    // No batch was refused: the engine never enqueued more than the limit.
    expect([...job.state.batch.parts.values()].every((p) => p.refused.length === 0)).toBe(true)
    expect(job.state.batch.parts.size).toBe(6)
  })

  it('cancels its batches, keeps what finished, and a resume does the rest', async () => {
    const sim = await sims.start({ batch: { stepMs: 400 } })
    const { dataDir, jobId } = await batchJob(8)
    const { outcome, job } = await runBatchOnSim(dataDir, jobId, {
      sim,
      started: (run) => {
        const timer = setInterval(() => {
          if (run['job'].state.batch.parts.get(1)?.batchId) {
            clearInterval(timer)
            void run.cancelBatches()
          }
        }, 10)
      }
    })
    expect(outcome).toEqual({ status: 'cancelled' })
    const items = [...job.state.items.values()]
    expect(items.filter((i) => i.status === 'done')).toHaveLength(4)
    expect(items.filter((i) => i.status === 'pending')).toHaveLength(4)
    expect(job.state.batch.parts.get(1)?.status).toBe('cancelled')
    const again = await runBatchOnSim(dataDir, jobId, { sim })
    expect([...again.job.state.items.values()].every((i) => i.status === 'done')).toBe(true)
    expect(again.job.state.batch.parts.get(2)?.lines).toBe(4)
  })
})
