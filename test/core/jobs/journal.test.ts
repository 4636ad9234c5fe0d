import { execFileSync } from 'node:child_process'
import { appendFile, mkdir, symlink, unlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { Journal, JournalError, readJournal } from '../../../src/core/jobs/journal'
import { foldJournal } from '../../../src/core/jobs/job-state'
import { loadJob } from '../../../src/core/jobs/job-store'
import { newJob } from '../../../src/core/jobs/new-job'
import { JobRun } from '../../../src/core/jobs/run-job'
import { createOpenAITransport } from '../../../src/core/openai/transport'
import { systemClock } from '../../../src/core/scheduler/clock'
import { startSimulator } from '../../../src/simulator/server'
import { photoFolder, testSettings } from '../../helpers/job-fixtures'
import { tempDir } from '../../helpers/temp'

const result = {
  text: 'A mug.',
  model: 'gpt-4o',
  promptTokens: 100,
  completionTokens: 5,
  costUsd: 0.0003,
  latencyMs: 40,
  finishReason: 'stop',
  fromCache: false
}

describe('journal', () => {
  it('replays events and ignores a torn last line', async () => {
    const path = join(await tempDir('journal'), 'journal.jsonl')
    const journal = await Journal.open(path)
    await journal.append(
      { e: 'added', id: 'p1', sha256: 'a', bytes: 1, paths: ['/a.jpg'] },
      { e: 'added', id: 'p2', sha256: 'b', bytes: 1, paths: ['/b.jpg'] }
    )
    await journal.append({ e: 'done', id: 'p1', at: 1, result })
    await journal.close()
    await appendFile(path, '{"e":"done","id":"p2","at":2,"resu')
    const { events, tornTail } = await readJournal(path)
    expect(tornTail).toBe(true)
    const state = foldJournal(events)
    expect(state.items.get('p1')).toMatchObject({ status: 'done', result })
    expect(state.items.get('p2')?.status).toBe('pending')
  })

  it('refuses a journal damaged in the middle, naming the line', async () => {
    const path = join(await tempDir('journal'), 'journal.jsonl')
    await writeFile(path, '{"e":"finished","at":1}\nGARBAGE\n{"e":"finished","at":2}\n')
    await expect(readJournal(path)).rejects.toThrow('damaged at line 2')
  })

  it('group-commits appends that arrive together, each resolving once on disk', async () => {
    const path = join(await tempDir('journal'), 'journal.jsonl')
    const journal = await Journal.open(path)
    await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        journal.append({ e: 'failed', id: `p${i}`, at: i, code: 'x', reason: 'y' })
      )
    )
    await journal.close()
    expect((await readJournal(path)).events).toHaveLength(50)
  })

  it('says the disk is full, in words, when a write fails', async () => {
    const journal = await Journal.open('/dev/full')
    const error = await journal.append({ e: 'finished', at: 1 }).catch((e: unknown) => e)
    await journal.close()
    expect(error).toBeInstanceOf(JournalError)
    expect((error as Error).message).toMatch(
      /^Photoscribe can't save the job's progress \(the disk is full\)\. .*nothing answered so far is lost\.$/
    )
  })
})

describe('a job whose journal cannot be written', () => {
  it('stops with the reason instead of crashing or sending on', async () => {
    const sim = await startSimulator({ latencyMs: 20 })
    const { photos, dataDir } = await photoFolder(30)
    const job = await newJob(dataDir, testSettings([photos]))
    await unlink(job.journalPath)
    await symlink('/dev/full', job.journalPath)
    const stored = { ...(await loadJob(dataDir, job.id).catch(() => job)), state: job.state }
    const run = new JobRun(stored, {
      dataDir,
      transport: createOpenAITransport({ baseURL: sim.url }, new Map([['k', 'sk-k']])),
      keys: [{ id: 'k', label: 'k', rpm: 600, tpm: 1e7 }],
      clock: systemClock
    })
    const outcome = await run.run()
    await sim.close()
    expect(outcome).toMatchObject({
      status: 'stopped',
      kind: 'journal',
      reason: expect.stringContaining('the disk is full')
    })
    // Only what was already in flight when the first write failed: nothing more is sent.
    expect(sim.log.entries.length).toBeLessThan(10)
  })
})

const readOnlyDir = join(tmpdir(), `photoscribe-ro-${process.pid}`)
function mountReadOnly(): boolean {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'ro,size=1m', 'tmpfs', readOnlyDir], {
      stdio: 'ignore'
    })
    return true
  } catch {
    return false
  }
}
const canMount =
  process.getuid?.() === 0 && (execFileSync('mkdir', ['-p', readOnlyDir]), mountReadOnly())
if (!canMount)
  console.log('Skipping the read-only folder test: it needs root to mount a read-only tmpfs here.')
afterAll(() => {
  if (canMount) execFileSync('umount', [readOnlyDir])
})

describe('read-only job folder', () => {
  it.skipIf(!canMount)('gives a clear error, not a crash', async () => {
    const error = await Journal.open(join(readOnlyDir, 'journal.jsonl')).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(JournalError)
    expect((error as Error).message).toContain('(the folder is read-only)')
    await expect(mkdir(join(readOnlyDir, 'x'))).rejects.toThrow()
  })
})
