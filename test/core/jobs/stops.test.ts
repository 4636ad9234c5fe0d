import { symlink, unlink } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { countItems } from '../../../src/core/jobs/job-state'
import { newJob } from '../../../src/core/jobs/new-job'
import { JobRun } from '../../../src/core/jobs/run-job'
import { createOpenAITransport } from '../../../src/core/openai/transport'
import { systemClock } from '../../../src/core/scheduler/clock'
import type { Simulator } from '../../../src/simulator/server'
import { photoFolder, testSettings } from '../../helpers/job-fixtures'
import { runJobOnSim } from '../../helpers/job-run'
import { until } from '../../helpers/until'
import { simulatorPerTest } from '../../helpers/sim'

const sims = simulatorPerTest()
let sim: Simulator | undefined

// 200 photos at 120 requests/min: the feed waits for room in a full queue the whole time.
describe('stops on a back-pressured job (200 photos, 120 RPM)', () => {
  it('cancel ends the run within 2 s, everything unanswered still pending', async () => {
    sim = await sims.start({ latencyMs: 5 })
    const { photos, dataDir } = await photoFolder(200)
    const job = await newJob(dataDir, testSettings([photos]))
    let cancelledAt = 0
    let inFlightAtCancel = 0
    const { outcome, job: after } = await runJobOnSim(dataDir, job.id, {
      sim,
      rpm: 120,
      started: (run) =>
        void until(() => sim!.log.entries.length >= 4).then(() => {
          cancelledAt = Date.now()
          inFlightAtCancel = run.totals().inFlight
          run.cancel()
        })
    })
    expect(Date.now() - cancelledAt).toBeLessThan(2000)
    expect(outcome).toEqual({ status: 'cancelled' })
    const counts = countItems(after.state)
    expect(counts.done + counts.pending).toBe(200)
    // What was in flight at the cancel is aborted: answered by the server, maybe, but not kept.
    const answered = sim.log.entries.filter((e) => e.status === 200).length
    expect(counts.done).toBeLessThanOrEqual(answered)
    // (On a loaded machine more may be on their way at that moment: at most those, and few.)
    expect(answered - counts.done).toBeLessThanOrEqual(inFlightAtCancel)
    expect(inFlightAtCancel).toBeLessThanOrEqual(4)
  })

  it('a journal that cannot be written ends the run within 2 s', async () => {
    sim = await sims.start({ latencyMs: 5 })
    const { photos, dataDir } = await photoFolder(200)
    const job = await newJob(dataDir, testSettings([photos]))
    await unlink(job.journalPath)
    await symlink('/dev/full', job.journalPath)
    const run = new JobRun(job, {
      dataDir,
      transport: createOpenAITransport({ baseURL: sim.url }, new Map([['k', 'sk-k']])),
      keys: [{ id: 'k', label: 'k', rpm: 120, tpm: 1e7 }],
      clock: systemClock
    })
    const outcome = await run.run()
    const firstAnswer = sim.log.entries[0].time
    expect(Date.now() - firstAnswer).toBeLessThan(2000)
    expect(outcome).toMatchObject({ status: 'stopped', kind: 'journal' })
  })
})
