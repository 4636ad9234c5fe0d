import { execFileSync } from 'node:child_process'
import { appendFile, readdir, readFile, rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Journal, readJournal } from '../../../src/core/jobs/journal'
import { countItems } from '../../../src/core/jobs/job-state'
import { listJobs } from '../../../src/core/jobs/job-store'
import { newJob } from '../../../src/core/jobs/new-job'
import type { Simulator } from '../../../src/simulator/server'
import { photoFolder, testSettings } from '../../helpers/job-fixtures'
import { runJobOnSim } from '../../helpers/job-run'
import { tempDir } from '../../helpers/temp'
import { simulatorPerTest } from '../../helpers/sim'

const sims = simulatorPerTest()
let sim: Simulator | undefined

const FRAGMENT = '{"e":"done","id":"p3","at":17,"result":{"text":"A red m'

describe('a torn journal line', () => {
  it('is cut on open and kept aside; the resumed run appends cleanly and the job reloads', async () => {
    const { photos, dataDir } = await photoFolder(20)
    const job = await newJob(dataDir, testSettings([photos]))
    await appendFile(job.journalPath, FRAGMENT) // a crash mid-append
    sim = await sims.start({ latencyMs: 5 })
    const { outcome, job: reloaded } = await runJobOnSim(dataDir, job.id, { sim })
    expect(outcome).toEqual({ status: 'completed' })
    expect(countItems(reloaded.state)).toEqual({
      total: 20,
      done: 20,
      failed: 0,
      pending: 0,
      review: 0,
      approved: 0,
      rejected: 0
    })
    expect(reloaded.tornTail).toBe(false)
    const kept = (await readdir(job.dir)).filter((name) => name.startsWith('journal.jsonl.torn-'))
    expect(kept).toHaveLength(1)
    expect(await readFile(join(job.dir, kept[0]), 'utf8')).toBe(FRAGMENT)
    expect((await listJobs(dataDir)).map((j) => j.id)).toEqual([job.id])
  })

  it('a second crash after a resume is repaired too (torn → resume → torn → resume)', async () => {
    const { photos, dataDir } = await photoFolder(6)
    const job = await newJob(dataDir, testSettings([photos]))
    sim = await sims.start({ latencyMs: 5 })
    for (let round = 0; round < 2; round++) {
      await appendFile(job.journalPath, FRAGMENT)
      const journal = await Journal.open(job.journalPath)
      expect(journal.repaired.cutBytes).toBe(FRAGMENT.length)
      await journal.append({ e: 'edited', id: 'p1', at: round, fields: { x: round } })
      await journal.close()
    }
    const { events, tornTail } = await readJournal(job.journalPath)
    expect(tornTail).toBe(false)
    expect(events.filter((e) => e.e === 'edited')).toHaveLength(2)
  })

  it('reads a journal that an older version glued onto a fragment, keeping the whole event', async () => {
    const dir = await tempDir('glued')
    const path = join(dir, 'journal.jsonl')
    const whole = '{"e":"failed","id":"p2","at":2,"code":"x","reason":"y"}'
    await writeFile(path, `{"e":"finished","at":1}\n${FRAGMENT}${whole}\n{"e":"finished","at":3}\n`)
    const { events } = await readJournal(path)
    expect(events.map((e) => e.e)).toEqual(['finished', 'failed', 'finished'])
  })
})

const smallDisk = join(process.env.TMPDIR ?? '/tmp', `photoscribe-full-${process.pid}`)
const canMount = ((): boolean => {
  if (process.getuid?.() !== 0) return false
  try {
    execFileSync('mkdir', ['-p', smallDisk])
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', smallDisk], {
      stdio: 'ignore'
    })
    return true
  } catch {
    return false
  }
})()
if (!canMount) console.log('Skipping the disk-full journal test: it needs root to mount a tmpfs.')
afterAll(() => {
  if (canMount) execFileSync('umount', [smallDisk])
})

describe('a journal on a disk that fills mid-append', () => {
  it.skipIf(!canMount)(
    'keeps every whole line and appends cleanly once space is back',
    async () => {
      const path = join(smallDisk, 'journal.jsonl')
      const journal = await Journal.open(path)
      await journal.append({ e: 'finished', at: 1 })
      await writeFile(join(smallDisk, 'filler'), Buffer.alloc(200 * 1024))
      const big = { e: 'edited' as const, id: 'p1', at: 2, fields: { text: 'x'.repeat(120_000) } }
      await expect(journal.append(big)).rejects.toThrow('the disk is full')
      await journal.close()
      expect((await readFile(path)).length).toBeGreaterThan(25) // a partial line is on disk
      await rm(join(smallDisk, 'filler'))
      const reopened = await Journal.open(path)
      expect(reopened.repaired.cutBytes).toBeGreaterThan(0)
      await reopened.append({ e: 'finished', at: 3 })
      await reopened.close()
      const { events, tornTail } = await readJournal(path)
      expect(tornTail).toBe(false)
      expect(events).toEqual([
        { e: 'finished', at: 1 },
        { e: 'finished', at: 3 }
      ])
    }
  )
})
