import { describe, expect, it } from 'vitest'
import { BatchWatchPool, POLL_SCHEDULE } from '../../../src/core/batch/batch-watch'
import { newJob } from '../../../src/core/jobs/new-job'
import { photoFolder, testSettings } from '../../helpers/job-fixtures'
import { requestCounts, runBatchOnSim } from '../../helpers/batch-run'
import { FakeClock } from '../../helpers/fake-clock'
import { simulatorPerTest } from '../../helpers/sim'

const sims = simulatorPerTest()
const HOUR = 3_600_000
const DAY = 24 * HOUR

/** How many polls the schedule allows in `ms`: 30 s, then ×1.5 each time, never slower than 5 min. */
function pollsAllowed(ms: number): number {
  let at = 0
  let delay = POLL_SCHEDULE.firstMs
  let polls = 0
  while (at + delay <= ms) {
    at += delay
    polls++
    delay = Math.min(POLL_SCHEDULE.maxMs, delay * POLL_SCHEDULE.factor)
  }
  return polls
}

describe('Batch polling over a simulated day (fake clock)', () => {
  it('polls no more than its schedule allows, with one list call for every batch of the key', async () => {
    const clock = new FakeClock()
    // Each status lasts 8 h: the batches complete 24 h after they are made.
    const sim = await sims.start({ now: () => clock.now(), batch: { stepMs: 8 * HOUR } })
    const watches = new BatchWatchPool(clock)
    const jobs = []
    for (let j = 0; j < 2; j++) {
      const { photos, dataDir } = await photoFolder(6)
      const job = await newJob(dataDir, testSettings([photos], { mode: 'batch' }))
      jobs.push({ dataDir, id: job.id })
    }
    const runs = jobs.map(({ dataDir, id }) =>
      runBatchOnSim(dataDir, id, { sim, clock, watches, context: { partLimits: { maxLines: 3 } } })
    )
    const results = await clock.runWithIo(Promise.all(runs), DAY + HOUR, () => sim.inFlight() > 0)
    for (const { outcome, job } of results) {
      expect(outcome).toEqual({ status: 'completed' })
      expect(job.state.batch.parts.size).toBe(2)
      expect([...job.state.items.values()].every((i) => i.status === 'done')).toBe(true)
    }
    const counts = requestCounts(sim)
    expect(counts['POST /v1/batches']).toBe(4)
    const polls = (counts['GET /v1/batches'] ?? 0) + (counts['GET /v1/batches/{id}'] ?? 0)
    // Four batches of one key, watched over a day: the polls of one schedule, not four.
    const allowed = pollsAllowed(DAY + 10 * POLL_SCHEDULE.maxMs)
    expect(polls).toBeLessThanOrEqual(allowed)
    expect(polls).toBeGreaterThan(pollsAllowed(DAY) - 10)
    expect(allowed).toBeLessThan(320)
  }, 60_000)
})
