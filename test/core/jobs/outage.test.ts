import { describe, expect, it } from 'vitest'
import { countItems } from '../../../src/core/jobs/job-state'
import { newJob } from '../../../src/core/jobs/new-job'
import type { Simulator } from '../../../src/simulator/server'
import { photoFolder, testSettings } from '../../helpers/job-fixtures'
import { runJobOnSim } from '../../helpers/job-run'
import { simulatorPerTest } from '../../helpers/sim'
import { FakeClock } from '../../helpers/fake-clock'

const sims = simulatorPerTest()
let sim: Simulator | undefined

describe('a 30 s network outage mid-job', () => {
  it('pauses the key as a whole and finishes every photo once the endpoint is back', async () => {
    // The engine and the simulator on one injected clock: 30 s of outage pass in no time.
    const clock = new FakeClock()
    sim = await sims.start({
      now: () => clock.now(),
      latencyMs: 20,
      outage: { afterRequests: 10, durationMs: 30_000 }
    })
    const { photos, dataDir } = await photoFolder(40)
    const job = await newJob(dataDir, testSettings([photos]))
    const progress: { cause?: string; until?: number }[] = []
    const running = runJobOnSim(dataDir, job.id, {
      sim,
      rpm: 600,
      context: {
        clock,
        onProgress: (u) =>
          progress.push({ cause: u.keys[0].coolingCause, until: u.keys[0].coolingInMs })
      }
    })
    const busy = (): boolean => sim!.inFlight() > 0
    const { outcome, job: after } = await clock.runWithIo(running, 600_000, busy)
    expect(outcome).toEqual({ status: 'completed' })
    expect(countItems(after.state)).toEqual({
      total: 40,
      done: 40,
      failed: 0,
      pending: 0,
      review: 0,
      approved: 0,
      rejected: 0
    })
    const dropped = sim.log.entries.filter((e) => e.outcome === 'outage').length
    // A few requests in flight when it went, then one probe per pause (1, 2, 4, 8, 16 s): not 40 × 5.
    expect(dropped).toBeGreaterThan(0)
    expect(dropped).toBeLessThan(25)
    // Every answer after the outage came once the 30 s had passed on the shared clock.
    const back = sim.log.entries.filter((e) => e.outcome === 'ok' && e.at >= 30_000)
    expect(back.length).toBeGreaterThan(20)
    expect(progress.some((p) => p.cause === 'network')).toBe(true)
  })

  it('items that failed on the network are sent again on resume', async () => {
    sim = await sims.start({ latencyMs: 5, faults: { reset: 1 } })
    const { photos, dataDir } = await photoFolder(6)
    const job = await newJob(dataDir, testSettings([photos]))
    const first = await runJobOnSim(dataDir, job.id, {
      sim,
      context: { scheduler: { networkTrip: 100, maxAttempts: 2, backoffBaseMs: 5 } }
    })
    expect(countItems(first.job.state).failed).toBe(6)
    await sim.close()
    sim = await sims.start({ latencyMs: 5 })
    const { outcome, job: after } = await runJobOnSim(dataDir, job.id, { sim })
    expect(outcome).toEqual({ status: 'completed' })
    expect(countItems(after.state)).toEqual({
      total: 6,
      done: 6,
      failed: 0,
      pending: 0,
      review: 0,
      approved: 0,
      rejected: 0
    })
  })
})
