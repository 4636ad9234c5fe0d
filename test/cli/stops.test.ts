import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { readJournal } from '../../src/core/jobs/journal'
import { listJobs } from '../../src/core/jobs/job-store'
import type { LogEntry } from '../../src/simulator/request-log'
import { cliSimulator, runInProcess } from '../helpers/cli'
import { photoFolder } from '../helpers/job-fixtures'
import { until } from '../helpers/until'

// 200 photos at 120 requests/min: the feed is always waiting for room in a full queue.
const PHOTOS = 200
const SLOW = ['--rpm', '120', '--tpm', '1000000']

async function stoppedRun(
  extra: string[],
  stopAt: (log: LogEntry[]) => number | undefined,
  during?: () => Promise<void>
): Promise<{ code: number; out: string[]; msAfterStop: number; stopEvent?: string }> {
  const { photos, dataDir } = await photoFolder(PHOTOS)
  const out = join(dataDir, '..', 'results.csv')
  const args = ['run', photos, '--out', out, '--data-dir', dataDir, ...SLOW, ...extra]
  const running = runInProcess(args)
  await during?.()
  const result = await running
  const ended = Date.now()
  const [job] = await listJobs(dataDir)
  const { events } = await readJournal(join(dataDir, 'jobs', job.id, 'journal.jsonl'))
  expect(existsSync(out)).toBe(true)
  const stoppedAt = stopAt(sim.current().log.entries) ?? ended
  return {
    ...result,
    msAfterStop: ended - stoppedAt,
    stopEvent: events.findLast((e) => e.e === 'stopped')?.kind
  }
}

const firstWith = (outcome: string) => (log: LogEntry[]) =>
  log.find((e) => e.outcome === outcome)?.time

const sim = cliSimulator()

describe('every stop on a back-pressured job ends at once, journaled and exported', () => {
  it('quota', async () => {
    await sim.use({ defaultKey: { quotaAfter: 5 } })
    const run = await stoppedRun([], firstWith('insufficient_quota'))
    expect(run.code).toBe(3)
    expect(run.out.join('\n')).toMatch(/^5 of 200 photos done .*\nStopped: .*out of credit/m)
    expect(run.stopEvent).toBe('quota')
    expect(run.msAfterStop).toBeLessThan(2000)
  })

  it('a refused key (401)', async () => {
    await sim.use({ keys: { 'sk-someone-else': {} } })
    const run = await stoppedRun([], firstWith('unauthorized'))
    expect(run.code).toBe(3)
    expect(run.stopEvent).toBe('auth')
    expect(run.msAfterStop).toBeLessThan(2000)
  })

  it('an unknown model (404)', async () => {
    await sim.use()
    // The endpoint's own model list does not name it: refused before any photo is sent.
    const run = await stoppedRun(['--model', 'gpt-made-up'], (log) => log[0]?.time)
    expect(run.code).toBe(3)
    expect(run.stopEvent).toBe('model')
    expect(run.msAfterStop).toBeLessThan(2000)
  })

  it('the budget', async () => {
    await sim.use()
    const run = await stoppedRun(
      ['--model', 'gpt-4o', '--budget', '0.002'],
      (log) => log.at(-1)?.time
    )
    expect(run.code).toBe(3)
    expect(run.stopEvent).toBe('budget')
    expect(run.out.join('\n')).toContain('budget')
    expect(run.msAfterStop).toBeLessThan(2000)
  })

  it('Ctrl-C', async () => {
    await sim.use()
    let signalledAt = 0
    const run = await stoppedRun(
      [],
      () => signalledAt,
      async () => {
        await until(() => sim.current().log.entries.length >= 5)
        signalledAt = Date.now()
        process.emit('SIGINT')
      }
    )
    expect(run.code).toBe(130)
    expect(run.out.join('\n')).toContain('Interrupted. Resume with')
    expect(run.msAfterStop).toBeLessThan(2000)
  })
})
