import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { JournalEvent } from '../../src/core/jobs/journal-events'
import { startSimulator, type Simulator } from '../../src/simulator/server'
import type { LogEntry } from '../../src/simulator/request-log'
import { seededRandom, shuffled } from '../../src/simulator/rng'
import { photoFolder } from '../helpers/job-fixtures'
import { spawnRun } from '../helpers/cli'

const PHOTOS = 60
const KILLS = 20

/** The moments a kill can land on: right as the server answers one of these. */
const MOMENTS: Record<string, (e: LogEntry) => boolean> = {
  upload: (e) => e.method === 'POST' && e.path === '/v1/files',
  create: (e) => e.method === 'POST' && e.path === '/v1/batches',
  poll: (e) => e.method === 'GET' && e.path === '/v1/batches',
  download: (e) => e.method === 'GET' && e.path.endsWith('/content')
}

interface Trial {
  jobId: string
  exitCode: number | null
  killedAt: string | null
}

/** Runs `photoscribe run …`; kills it -9 `delayMs` after the server answers a `moment` request (if it comes). */
function trial(
  sim: Simulator,
  args: string[],
  env: NodeJS.ProcessEnv,
  kill: { moment: string; delayMs: number } | null
): Promise<Trial> {
  let killedAt: string | null = null
  return spawnRun(args, env, {
    onStart: (child) => {
      sim.log.onEntry = (entry) => {
        if (!kill || killedAt || !MOMENTS[kill.moment](entry)) return
        killedAt = kill.moment
        setTimeout(() => child.kill('SIGKILL'), kill.delayMs)
      }
    }
  }).then(({ jobId, exitCode }) => ({ jobId, exitCode, killedAt }))
}

describe('Batch mode survives kill -9 at upload, create, poll and download, 20 times', () => {
  it('ends with exactly one result per photo, no file uploaded twice, no batch created twice', async () => {
    // A queue that takes two files at a time spreads uploads and creations over the whole job.
    const sim = await startSimulator({
      batch: { stepMs: 250, queueRefusal: '429' },
      defaultKey: { rpm: 500, tpm: 200_000, burstSeconds: 60, batchQueueTokens: 1_600 }
    })
    const { photos, dataDir } = await photoFolder(PHOTOS)
    const env = {
      ...process.env,
      OPENAI_API_KEY: 'sk-batch-crash-01',
      OPENAI_BASE_URL: sim.url,
      PHOTOSCRIBE_BATCH_POLL_MS: '60'
    }
    const out = join(dataDir, 'results.json')
    const random = seededRandom(20261201)
    // Five rounds, each of the four moments in a seeded order: kills spread over the whole job.
    const moments = Object.keys(MOMENTS)
    const plan = Array.from({ length: KILLS / moments.length }, () =>
      shuffled(moments, random)
    ).flat()
    const args = (first: Trial | null): string[] =>
      first
        ? ['--resume', first.jobId, '--out', out, '--data-dir', dataDir]
        : [photos, '--batch', '--batch-size', '3', '--out', out, '--data-dir', dataDir]
    const trials: Trial[] = []
    for (const moment of plan) {
      const t = await trial(sim, args(trials[0] ?? null), env, {
        moment,
        delayMs: Math.floor(random() * 15)
      })
      trials.push(t)
      if (!t.killedAt) break
    }
    const final = await trial(sim, args(trials[0]), env, null)
    await sim.close()
    expect(final.exitCode).toBe(0)
    const killed = trials.filter((t) => t.killedAt)
    expect(new Set(killed.map((t) => t.killedAt))).toEqual(new Set(Object.keys(MOMENTS)))
    expect(killed.length).toBe(KILLS)

    const rows = JSON.parse(await readFile(out, 'utf8')) as {
      status: string
      description?: string
    }[]
    expect(rows).toHaveLength(PHOTOS)
    expect(rows.every((r) => r.status === 'done')).toBe(true)
    const journal = (
      await readFile(join(dataDir, 'jobs', trials[0].jobId, 'journal.jsonl'), 'utf8')
    )
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as JournalEvent)
    const doneEvents = journal.filter((e) => e.e === 'done')
    expect(doneEvents).toHaveLength(PHOTOS)
    expect(new Set(doneEvents.map((e) => (e as { id: string }).id)).size).toBe(PHOTOS)

    const uploads = sim.log.entries.filter((e) => MOMENTS.upload(e) && e.status === 200)
    const parts = journal.filter((e) => e.e === 'batch-part')
    expect(uploads).toHaveLength(parts.length)
    const creates = sim.log.entries.filter((e) => MOMENTS.create(e) && e.status === 200)
    expect(creates).toHaveLength(parts.length)
    expect(sim.log.entries.filter((e) => e.path === '/v1/chat/completions')).toHaveLength(0)
  }, 240_000)
})
