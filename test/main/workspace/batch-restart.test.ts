import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadJob } from '../../../src/core/jobs/job-store'
import { openParts } from '../../../src/core/jobs/batch-state'
import { runOpen, windowReady } from '../../../src/main/workspace/runs'
import { photoFolder } from '../../helpers/job-fixtures'
import { simulatorPerTest } from '../../helpers/sim'

/** Waits until an async condition holds (the journal is read again each time). */
async function eventually(ready: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (!(await ready())) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}
import { testWorkspace } from '../../helpers/workspace'

const sims = simulatorPerTest()
const saved = process.env.PHOTOSCRIBE_BATCH_POLL_MS
beforeAll(() => void (process.env.PHOTOSCRIBE_BATCH_POLL_MS = '50'))
afterAll(() => void (process.env.PHOTOSCRIBE_BATCH_POLL_MS = saved))

describe('Batch jobs across an app restart', () => {
  it('the app quits with batches at OpenAI; the next start watches and collects them', async () => {
    const sim = await sims.start({ batch: { stepMs: 400 } })
    const { photos, dataDir } = await photoFolder(6)
    const env = { OPENAI_API_KEY: 'sk-test-restart-1', OPENAI_BASE_URL: sim.url }
    const first = testWorkspace(dataDir, env)
    await first.ensureDraft().add([photos])
    first.setOptions(first.ensureDraft(), { mode: 'batch' })
    const jobId = await runOpen(first)
    await eventually(
      async () => (await loadJob(dataDir, jobId)).state.batch.parts.get(1)?.batchId !== undefined,
      10_000
    )
    // Quitting stops watching; the batch runs on at the server.
    await first.close()
    const left = await loadJob(dataDir, jobId)
    expect(openParts(left.state.batch)).toHaveLength(1)
    expect([...left.state.items.values()].every((i) => i.status === 'pending')).toBe(true)

    const second = testWorkspace(dataDir, env)
    await windowReady(second)
    await eventually(async () => (await loadJob(dataDir, jobId)).state.finished, 15_000)
    const done = await loadJob(dataDir, jobId)
    expect([...done.state.items.values()].every((i) => i.status === 'done')).toBe(true)
    expect(
      sim.log.entries.filter((e) => e.method === 'POST' && e.path === '/v1/batches')
    ).toHaveLength(1)
    await second.close()
  })
})

describe('Pause in Batch mode', () => {
  it('stops uploads, creation and polling for real; Resume collects the batches that kept running', async () => {
    const sim = await sims.start({ batch: { stepMs: 300 } })
    const { photos, dataDir } = await photoFolder(6)
    const env = { OPENAI_API_KEY: 'sk-test-pause-1', OPENAI_BASE_URL: sim.url }
    const ws = testWorkspace(dataDir, env)
    await ws.ensureDraft().add([photos])
    ws.setOptions(ws.ensureDraft(), { mode: 'batch', batchLines: 3 })
    const jobId = await runOpen(ws)
    const view = ws.runs.view(jobId)!
    await eventually(async () => view.job.state.batch.parts.get(1)?.batchId !== undefined, 10_000)
    view.run!.pause()
    // What was already on its way finishes (an upload, a download); nothing starts after that.
    await new Promise((resolve) => setTimeout(resolve, 400))
    const pausedAt = sim.log.entries.length
    await new Promise((resolve) => setTimeout(resolve, 1_500))
    // Nothing at all while paused: no upload of part 2, no create, no poll (it polls every 50 ms).
    expect(sim.log.entries.slice(pausedAt).map((e) => `${e.method} ${e.path}`)).toEqual([])
    expect(view.job.state.finished).toBe(false)
    view.run!.resume()
    await eventually(async () => view.job.state.finished, 15_000)
    expect([...view.job.state.items.values()].every((i) => i.status === 'done')).toBe(true)
    expect(
      sim.log.entries.filter((e) => e.method === 'POST' && e.path === '/v1/batches')
    ).toHaveLength(2)
    await ws.close()
  })
})
