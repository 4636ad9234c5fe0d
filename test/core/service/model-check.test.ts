import { describe, expect, it } from 'vitest'
import { systemClock } from '../../../src/core/scheduler/clock'
import { POLL_SCHEDULE } from '../../../src/core/batch/batch-watch'
import { JobService, type JobServiceError } from '../../../src/core/service/job-service'
import { parseListing } from '../../../src/core/service/model-check'
import { photoFolder, testSettings } from '../../helpers/job-fixtures'
import { simulatorPerTest } from '../../helpers/sim'

const sims = simulatorPerTest()
const KEY = { id: 'k', label: 'Main', apiKey: 'sk-test-1234' }

/** A service living on `today` (given, never read from the clock). */
const serviceOn = (dataDir: string, today: string) =>
  new JobService(dataDir, systemClock, POLL_SCHEDULE, () => today)

describe('the model check in the one place a job starts', () => {
  it('refuses a model past its shutdown date when the job is made, naming the replacement', async () => {
    const { photos, dataDir } = await photoFolder(1)
    const refusal = await serviceOn(dataDir, '2027-01-14')
      .create(testSettings([photos], { model: 'gpt-4.1-mini' }))
      .catch((e: unknown) => e as JobServiceError)
    expect(refusal).toMatchObject({
      field: 'model',
      problem: {
        code: 'modelGone',
        params: { n: 'gpt-4.1-mini', date: '2027-01-14', replacement: 'gpt-6-luna' }
      }
    })
    // The day before, it runs (with a warning the CLI and the window show).
    const job = await serviceOn(dataDir, '2027-01-13').create(
      testSettings([photos], { model: 'gpt-4.1-mini' })
    )
    expect(job.settings.model).toBe('gpt-4.1-mini')
  })

  it('a job made before the date stops at start once it has passed, with nothing sent', async () => {
    const sim = await sims.start({ latencyMs: 2, today: () => '2026-12-11' })
    const { photos, dataDir } = await photoFolder(3)
    const endpoint = { kind: 'compatible' as const, baseURL: sim.url }
    const job = await serviceOn(dataDir, '2026-12-06').create(
      testSettings([photos], { model: 'gpt-5-mini', endpoint })
    )
    const later = serviceOn(dataDir, '2026-12-11')
    const outcome = await later.start(job, { endpoint, baseURL: sim.url, keys: [KEY] }).run()
    expect(outcome).toMatchObject({ status: 'stopped', kind: 'model' })
    expect((outcome as { reason: string }).reason).toContain('gpt-6.1-terra')
    expect(sim.log.entries.filter((e) => e.path.endsWith('/chat/completions'))).toHaveLength(0)
  })

  it('asks the endpoint’s /v1/models once an hour for every job started, not once per job', async () => {
    const sim = await sims.start({ latencyMs: 2 })
    const { photos, dataDir } = await photoFolder(2)
    const endpoint = { kind: 'compatible' as const, baseURL: sim.url }
    const service = serviceOn(dataDir, '2026-12-06')
    for (let i = 0; i < 3; i++) {
      const job = await service.create(testSettings([photos], { endpoint }))
      expect(await service.start(job, { endpoint, baseURL: sim.url, keys: [KEY] }).run()).toEqual({
        status: 'completed'
      })
    }
    expect(sim.log.entries.filter((e) => e.path === '/v1/models')).toHaveLength(1)
  })

  it('reads shutdown_date when an endpoint sends it, and no list from one that answers anything else', () => {
    const listing = parseListing({
      object: 'list',
      data: [
        { id: 'gpt-6-luna', shutdown_date: null },
        { id: 'gpt-4.1-mini', shutdown_date: '2027-01-14' },
        { id: 'llava:13b' },
        { id: 'odd', shutdown_date: 'next tuesday' }
      ]
    })
    expect(Object.fromEntries(listing!)).toEqual({
      'gpt-6-luna': { shutdownDate: null },
      'gpt-4.1-mini': { shutdownDate: '2027-01-14' },
      'llava:13b': { shutdownDate: null },
      odd: { shutdownDate: null }
    })
    expect(parseListing({ error: 'nope' })).toBeNull()
    expect(parseListing('<html>')).toBeNull()
  })
})

describe('the simulator’s model lifecycle', () => {
  it('lists shutdown dates, drops a model past its date, and answers 404 model_not_found for it', async () => {
    const sim = await sims.start({ today: () => '2026-12-11' })
    const headers = { authorization: 'Bearer sk-test-1234' }
    const list = (await (await fetch(`${sim.url}/models`, { headers })).json()) as {
      data: { id: string; shutdown_date: string | null }[]
    }
    const ids = list.data.map((m) => m.id)
    expect(ids).toContain('gpt-6-luna')
    expect(ids).not.toContain('gpt-5-mini')
    expect(list.data.find((m) => m.id === 'gpt-4.1-mini')?.shutdown_date).toBe('2027-01-14')
    expect(list.data.find((m) => m.id === 'gpt-6-luna')?.shutdown_date).toBeNull()
    const one = await fetch(`${sim.url}/models/gpt-5-mini`, { headers })
    expect(one.status).toBe(404)
    const chat = await fetch(`${sim.url}/chat/completions`, {
      method: 'POST',
      headers: { ...headers, 'content-type': 'application/json' },
      body: JSON.stringify({ model: 'gpt-5-mini', messages: [{ role: 'user', content: 'hi' }] })
    })
    expect(chat.status).toBe(404)
    expect(((await chat.json()) as { error: { code: string } }).error.code).toBe('model_not_found')
  })
})
