import { spawnSync } from 'node:child_process'
import { readFile, readdir, writeFile } from 'node:fs/promises'
import { hostname } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { JobLockedError, lockJob } from '../../../src/core/jobs/job-lock'
import { countItems } from '../../../src/core/jobs/job-state'
import { newJob } from '../../../src/core/jobs/new-job'
import type { Simulator } from '../../../src/simulator/server'
import { photoFolder, testSettings } from '../../helpers/job-fixtures'
import { runJobOnSim } from '../../helpers/job-run'
import { tempDir } from '../../helpers/temp'
import { simulatorPerTest } from '../../helpers/sim'

const sims = simulatorPerTest()
let sim: Simulator | undefined

describe('one runner per job', () => {
  it('a second run of a running job is refused; the first answers each photo once', async () => {
    sim = await sims.start({ latencyMs: 30 })
    const { photos, dataDir } = await photoFolder(20)
    const job = await newJob(dataDir, testSettings([photos]))
    const first = runJobOnSim(dataDir, job.id, { sim, rpm: 600 })
    await new Promise((resolve) => setTimeout(resolve, 100))
    const second = await runJobOnSim(dataDir, job.id, { sim }).catch((e: unknown) => e)
    expect(second).toBeInstanceOf(JobLockedError)
    expect((second as Error).message).toMatch(
      /^This job is already running \(process \d+ on .+, since \d\d:\d\d:\d\d\)\./
    )
    const { outcome, job: after } = await first
    expect(outcome).toEqual({ status: 'completed' })
    expect(countItems(after.state).done).toBe(20)
    expect([...sim.log.answersByImage().values()].every((n) => n === 1)).toBe(true)
    // Released at the end: the job can be run again.
    await (await lockJob(job.dir)).release()
  })

  it('takes over a lock left by a process that is gone, or not refreshed for minutes', async () => {
    const dir = await tempDir('lock')
    const gone = spawnSync(process.execPath, ['-e', '0']).pid!
    const leftover = {
      pid: gone,
      host: hostname(),
      startedAt: new Date().toISOString(),
      beatAt: Date.now()
    }
    await writeFile(join(dir, 'lock.json'), JSON.stringify(leftover))
    await (await lockJob(dir)).release()
    const elsewhere = {
      pid: 1,
      host: 'another-machine',
      startedAt: '2026-01-01T00:00:00Z',
      beatAt: Date.now() - 10 * 60_000
    }
    await writeFile(join(dir, 'lock.json'), JSON.stringify(elsewhere))
    await (await lockJob(dir)).release()
    const live = { ...elsewhere, beatAt: Date.now() }
    await writeFile(join(dir, 'lock.json'), JSON.stringify(live))
    await expect(lockJob(dir)).rejects.toBeInstanceOf(JobLockedError)
  })

  it('a damaged lock (it is always written whole) is taken over; no temp file is left', async () => {
    const dir = await tempDir('lock')
    await writeFile(join(dir, 'lock.json'), '{"pid": 12')
    const lock = await lockJob(dir)
    expect(JSON.parse(await readFile(join(dir, 'lock.json'), 'utf8'))).toMatchObject({
      pid: process.pid
    })
    expect(await readdir(dir)).toEqual(['lock.json'])
    await lock.release()
  })
})
