import { readFile, stat, utimes, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { Journal } from '../../../src/core/jobs/journal'
import { listJobs } from '../../../src/core/jobs/job-store'
import { newJob } from '../../../src/core/jobs/new-job'
import { photoFolder, testSettings } from '../../helpers/job-fixtures'
import { runJobOnSim } from '../../helpers/job-run'
import { simulatorPerTest } from '../../helpers/sim'

const sims = simulatorPerTest()

describe('the jobs list', () => {
  it('reads each job’s summary instead of replaying its journal, and replays a stale one', async () => {
    const sim = await sims.start({ latencyMs: 2 })
    const { photos, dataDir } = await photoFolder(5)
    const job = await newJob(dataDir, testSettings([photos]))
    expect((await listJobs(dataDir))[0]).toMatchObject({ finished: false, counts: { pending: 5 } })
    await runJobOnSim(dataDir, job.id, { sim })
    const listed = (await listJobs(dataDir))[0]
    expect(listed).toMatchObject({ id: job.id, finished: true, counts: { done: 5, total: 5 } })
    expect(listed.spentUsd).toBeGreaterThan(0)
    // Scramble the journal but keep its length and its old time: a list that replayed it would fail.
    const text = await readFile(job.journalPath, 'utf8')
    await writeFile(job.journalPath, text.replace(/"e":"done"/g, 'GARBAGE!!!'))
    await utimes(job.journalPath, new Date(2020, 0, 1), new Date(2020, 0, 1))
    expect((await listJobs(dataDir))[0]).toMatchObject({ counts: { done: 5 } })
    // Once the journal is newer than the summary, it is replayed.
    await writeFile(job.journalPath, text)
    const journal = await Journal.open(job.journalPath)
    await journal.append({ e: 'failed', id: 'p1', at: 1, code: 'x', reason: 'y' })
    await journal.close()
    expect((await listJobs(dataDir))[0]).toMatchObject({ counts: { done: 4, failed: 1 } })
    expect(JSON.parse(await readFile(join(job.dir, 'summary.json'), 'utf8'))).toMatchObject({
      counts: { done: 5 }
    })
  })
})

describe('the jobs list while a job runs', () => {
  it('counts a job held in memory from there, never replaying its growing journal', async () => {
    const { photos, dataDir } = await photoFolder(3)
    const job = await newJob(dataDir, testSettings([photos]))
    // Appended at once, within the clock tick the summary was written in: its time alone would
    // not tell the summary is stale (this failed one CI run in a few); its length does.
    const journal = await Journal.open(job.journalPath)
    await journal.append({ e: 'failed', id: 'p1', at: 1, code: 'x', reason: 'y' })
    await journal.close()
    const summaryPath = join(job.dir, 'summary.json')
    const { mtime } = await stat(job.journalPath)
    await utimes(summaryPath, mtime, mtime)
    // The journal on disk says one failed; the job in memory (a run's) knows nothing of it yet.
    expect((await listJobs(dataDir))[0]).toMatchObject({ counts: { failed: 1, pending: 2 } })
    const listed = await listJobs(dataDir, (id) => (id === job.id ? job : undefined))
    expect(listed[0]).toMatchObject({ id: job.id, counts: { failed: 0, pending: 3 } })
  })
})
