import { spawn, type ChildProcess } from 'node:child_process'
import { createInterface } from 'node:readline'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { JournalEvent } from '../../src/core/jobs/journal-events'
import { startSimulator } from '../../src/simulator/server'
import { seededRandom } from '../../src/simulator/rng'
import { photoFolder } from '../helpers/job-fixtures'
import { spawnRun } from '../helpers/cli'

const ROOT = join(import.meta.dirname, '../..')
const KILLS = 20

interface Trial {
  jobId: string
  exitCode: number | null
  killed: boolean
  stderr: string
}

/** Starts `photoscribe run …`, waits for its job line, then kills it -9 after `killAfterMs` (or lets it finish). */
function trial(args: string[], env: NodeJS.ProcessEnv, killAfterMs: number | null): Promise<Trial> {
  let killed = false
  let child: ChildProcess
  return spawnRun(args, env, {
    onStart: (c) => (child = c),
    onJob: () => {
      if (killAfterMs !== null) setTimeout(() => (killed = child.kill('SIGKILL')), killAfterMs)
    }
  }).then((ended) => ({ ...ended, killed }))
}

describe('crash safety: kill -9 at random moments, resume each time', () => {
  it('ends with exactly one result per photo, and no photo answered again after its answer was journaled', async () => {
    const sim = await startSimulator({
      latencyMs: 150,
      latencyJitterMs: 100,
      defaultKey: { rpm: 180, tpm: 10_000_000, burstSeconds: 1 }
    })
    const { photos, dataDir } = await photoFolder(70)
    const env = { ...process.env, OPENAI_API_KEY: 'sk-crash-0001', OPENAI_BASE_URL: sim.url }
    const out = join(dataDir, 'results.json')
    const random = seededRandom(20261122)
    const first = await trial(
      [photos, '--out', out, '--data-dir', dataDir, '--rpm', '180', '--tpm', '10000000'],
      env,
      200 + random() * 1500
    )
    const trials = [first]
    while (trials.filter((t) => t.killed).length < KILLS) {
      const next = await trial(
        ['--resume', first.jobId, '--out', out, '--data-dir', dataDir],
        env,
        random() * 1500
      )
      trials.push(next)
      if (!next.killed) break
    }
    const final = await trial(
      ['--resume', first.jobId, '--out', out, '--data-dir', dataDir],
      env,
      null
    )
    await sim.close()

    expect(
      trials.filter((t) => t.killed).length,
      `trials: ${JSON.stringify(trials.map((t) => [t.killed, t.exitCode, t.stderr.slice(-300)]))}`
    ).toBeGreaterThanOrEqual(KILLS)
    expect(final.exitCode).toBe(0)
    const journal = (await readFile(join(dataDir, 'jobs', first.jobId, 'journal.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .flatMap((line) => {
        try {
          return [JSON.parse(line) as JournalEvent]
        } catch {
          return [] // a torn line left by a kill
        }
      })
    const done = journal.filter((e): e is Extract<JournalEvent, { e: 'done' }> => e.e === 'done')
    const perItem = new Map<string, number>()
    for (const event of done) perItem.set(event.id, (perItem.get(event.id) ?? 0) + 1)
    expect(perItem.size).toBe(70)
    expect([...perItem.values()].every((n) => n === 1)).toBe(true)
    // The answer quotes the uploaded image's hash ("ref abc123"): match journal to simulator log.
    for (const event of done) {
      const ref = /\(ref ([0-9a-f]{6})\)/.exec(event.result.text)![1]
      const answers = sim.log.entries.filter(
        (e) => e.outcome === 'ok' && e.images?.[0].sha256.startsWith(ref)
      )
      expect(answers.length).toBeGreaterThanOrEqual(1)
      expect(answers.filter((a) => a.answeredAt! > event.at)).toEqual([])
    }
    const rows = JSON.parse(await readFile(out, 'utf8')) as { status: string }[]
    expect(rows.filter((r) => r.status === 'done')).toHaveLength(70)
  }, 240_000)
})

describe('interrupting a run', () => {
  it('exits 130 on Ctrl+C, leaving the job resumable', async () => {
    const sim = await startSimulator({
      latencyMs: 400,
      defaultKey: { rpm: 120, tpm: 10_000_000, burstSeconds: 1 }
    })
    const { photos, dataDir } = await photoFolder(10)
    const env = {
      ...process.env,
      OPENAI_API_KEY: 'sk-int-0001',
      OPENAI_BASE_URL: sim.url,
      TSX_TSCONFIG_PATH: 'tsconfig.node.json'
    }
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'src/cli/index.ts',
        'run',
        photos,
        '--out',
        join(dataDir, 'r.json'),
        '--data-dir',
        dataDir,
        '--json',
        '--rpm',
        '120',
        '--tpm',
        '10000000'
      ],
      { cwd: ROOT, env }
    )
    const lines: string[] = []
    createInterface({ input: child.stdout }).on('line', (line) => {
      lines.push(line)
      if (lines.length === 1) setTimeout(() => child.kill('SIGINT'), 800)
    })
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve))
    await sim.close()
    expect(code).toBe(130)
    const summary = JSON.parse(lines.at(-1)!) as { outcome: { status: string }; pending: number }
    expect(summary.outcome.status).toBe('cancelled')
    expect(summary.pending).toBeGreaterThan(0)
  }, 60_000)
})
