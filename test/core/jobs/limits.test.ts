import { describe, expect, it } from 'vitest'
import { readJournal } from '../../../src/core/jobs/journal'
import { countItems } from '../../../src/core/jobs/job-state'
import { newJob } from '../../../src/core/jobs/new-job'
import type { Simulator } from '../../../src/simulator/server'
import type { SimulatorOverrides } from '../../../src/simulator/options'
import { photoFolder, testSettings } from '../../helpers/job-fixtures'
import { runJobOnSim } from '../../helpers/job-run'
import { simulatorPerTest } from '../../helpers/sim'

const sims = simulatorPerTest()
let sim: Simulator | undefined

async function runOn(scenario: SimulatorOverrides, photos: number, rpm = 6000, tpm = 10_000_000) {
  sim = await sims.start({ latencyMs: 5, ...scenario })
  const folder = await photoFolder(photos)
  const job = await newJob(folder.dataDir, testSettings([folder.photos]))
  const learned: number[] = []
  const run = await runJobOnSim(folder.dataDir, job.id, {
    sim,
    rpm,
    tpm,
    context: { onProgress: (u) => learned.push(u.keys[0].tpm) }
  })
  return { ...run, learnedTpm: learned.at(-1) }
}

describe('limits the headers and 429s tell', () => {
  it('a used-up daily limit stops the job, saying when it can resume', async () => {
    const { outcome, job } = await runOn({ defaultKey: { rpd: 5 } }, 30)
    expect(outcome).toMatchObject({
      status: 'stopped',
      kind: 'daily_limit',
      reason: expect.stringMatching(
        /^This key's daily limit \(requests per day\) is used up\. Resume in .+ — nothing is lost\.$/
      ),
      resumeInMs: expect.any(Number)
    })
    expect(countItems(job.state)).toMatchObject({ done: 5, failed: 0, pending: 25 })
    const { events } = await readJournal(job.journalPath)
    expect(events.at(-1)).toMatchObject({ e: 'stopped', kind: 'daily_limit' })
    // Only what was already in flight when the first daily 429 came back is refused too.
    expect(sim!.log.entries.filter((e) => e.outcome === 'rate_limited').length).toBeLessThan(10)
  })

  it('a project token limit below the key’s is respected from the headers', async () => {
    // The key claims 10M tokens/min; the project allows 60,000 (≈ 2 of these requests a second).
    const { outcome, job, learnedTpm } = await runOn(
      { defaultKey: { rpm: 6000, tpm: 10_000_000, projectTpm: 60_000, burstSeconds: 1 } },
      15
    )
    expect(outcome).toEqual({ status: 'completed' })
    expect(countItems(job.state).done).toBe(15)
    expect(learnedTpm).toBe(60_000)
  })

  it('429s without retry-after or rate-limit headers back off on their own and finish', async () => {
    const { outcome, job } = await runOn(
      { bare429: true, rateLimitHeaders: false, defaultKey: { rpm: 120, burstSeconds: 1 } },
      12,
      480
    )
    expect(outcome).toEqual({ status: 'completed' })
    expect(countItems(job.state).done).toBe(12)
    const limited = sim!.log.entries.filter((e) => e.outcome === 'rate_limited')
    expect(limited.length).toBeGreaterThan(0)
  })
})
