import { afterEach, describe, expect, it } from 'vitest'
import { createOpenAITransport } from '../../../src/core/openai/transport'
import { systemClock } from '../../../src/core/scheduler/clock'
import { Scheduler } from '../../../src/core/scheduler/scheduler'
import {
  resolveSchedulerOptions,
  type KeySpec,
  type SchedulerOptions,
  type WorkItem
} from '../../../src/core/scheduler/types'
import { startSimulator, type Simulator } from '../../../src/simulator/server'
import type { SimulatorOverrides } from '../../../src/simulator/options'
import { sampleRequests as simWorkItems } from '../../../src/simulator/workload'

let sim: Simulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

const KEYS = new Map([
  ['main', 'sk-main-0001'],
  ['spare', 'sk-spare-0002'],
  ['bad', 'sk-bad-0003']
])

async function runJob(
  simOptions: SimulatorOverrides,
  items: WorkItem[],
  keys: KeySpec[],
  options: Partial<SchedulerOptions> = {}
): Promise<{ scheduler: Scheduler; outcome: Awaited<Scheduler['done']> }> {
  sim ??= await startSimulator(simOptions)
  const scheduler = new Scheduler(
    createOpenAITransport({ baseURL: sim.url }, KEYS),
    resolveSchedulerOptions({ keys, clock: systemClock, ...options })
  )
  scheduler.add(items)
  scheduler.endInput()
  return { scheduler, outcome: await scheduler.done }
}

const spec = (id: string, rpm = 6000, tpm = 10_000_000): KeySpec => ({ id, label: id, rpm, tpm })
const count = (scheduler: Scheduler, items: WorkItem[], status: string): number =>
  items.filter((i) => scheduler.state(i.id)?.status === status).length
const answeredTwice = (s: Simulator): number =>
  [...s.log.answersByImage().values()].filter((n) => n > 1).length

describe('scheduler against the simulator', () => {
  it('finishes every item at the RPM limit with no 429 and no item paid twice', async () => {
    const items = await simWorkItems(30)
    const keys = { 'sk-main-0001': { rpm: 1200, tpm: 1_000_000, burstSeconds: 1 } }
    const { scheduler, outcome } = await runJob({ keys, latencyMs: 20 }, items, [
      spec('main', 1200)
    ])
    expect(outcome).toEqual({ status: 'completed' })
    expect(count(scheduler, items, 'done')).toBe(30)
    expect(sim!.log.entries.filter((e) => e.outcome === 'rate_limited')).toHaveLength(0)
    expect(sim!.log.entries).toHaveLength(30)
    expect(answeredTwice(sim!)).toBe(0)
  })

  it('learns the real limits from headers when Settings claim 4× too much', async () => {
    const items = await simWorkItems(40)
    const keys = { 'sk-main-0001': { rpm: 1200, tpm: 1_000_000, burstSeconds: 1 } }
    const { scheduler, outcome } = await runJob({ keys }, items, [spec('main', 4800)])
    expect(outcome).toEqual({ status: 'completed' })
    expect(scheduler.keys()[0]).toMatchObject({ rpm: 1200, limitsFrom: 'headers' })
    // The opening half-burst at 4× is 2× the server's burst (20): at most one burst meets 429s.
    const refused = sim!.log.entries.filter((e) => e.outcome === 'rate_limited')
    expect(refused.length).toBeLessThanOrEqual(20)
    expect(count(scheduler, items, 'done')).toBe(40)
    expect(answeredTwice(sim!)).toBe(0)
  })

  it('stops on insufficient_quota, keeps results, and a new key finishes the job', async () => {
    const items = await simWorkItems(12)
    const keys = { 'sk-main-0001': { quotaAfter: 5 }, 'sk-spare-0002': {} }
    const first = await runJob({ keys }, items, [spec('main')])
    expect(first.outcome).toMatchObject({ status: 'stopped', kind: 'quota' })
    expect(first.outcome.status === 'stopped' && first.outcome.reason).toContain('out of credit')
    expect(count(first.scheduler, items, 'done')).toBe(5)
    const rest = items.filter((i) => first.scheduler.state(i.id)?.status === 'queued')
    expect(rest).toHaveLength(7)
    const second = await runJob({}, rest, [spec('spare')])
    expect(second.outcome).toEqual({ status: 'completed' })
    expect(sim!.log.answersByImage().size).toBe(12)
    expect(answeredTwice(sim!)).toBe(0)
  })

  it('stops with a clear reason on a wrong key (401)', async () => {
    const items = await simWorkItems(3)
    const { outcome } = await runJob({ keys: { 'sk-main-0001': {} } }, items, [spec('bad')])
    expect(outcome).toMatchObject({ status: 'stopped', kind: 'auth' })
    expect(outcome.status === 'stopped' && outcome.reason).toMatch(
      /^The API key was refused: Incorrect API key provided/
    )
  })

  it('fails an invalid image and a too-large request alone, without retrying them', async () => {
    const items = await simWorkItems(4, { maxTokens: 50 })
    const parts = items[1].body.messages[0].content as {
      type: string
      image_url?: { url: string }
    }[]
    parts[1].image_url!.url = 'data:image/jpeg;base64,bm90IGFuIGltYWdl'
    for (const index of [0, 3]) {
      items[index].body.max_completion_tokens = 5000
      items[index].chargeTokens += 4950
    }
    const { scheduler, outcome } = await runJob({ defaultKey: { tpm: 2000 } }, items, [
      spec('main', 6000, 100_000)
    ])
    expect(outcome).toEqual({ status: 'completed' })
    // Sent before the headers told the real TPM: the server refuses it; no retry.
    expect(scheduler.state('item-0')).toMatchObject({
      status: 'failed',
      kind: 'too_large',
      attempts: 1
    })
    expect(scheduler.state('item-1')).toMatchObject({
      status: 'failed',
      kind: 'invalid',
      attempts: 1
    })
    expect(scheduler.state('item-2')?.status).toBe('done')
    // After the headers: refused locally, never sent.
    expect(scheduler.state('item-3')).toMatchObject({
      status: 'failed',
      kind: 'too_large',
      attempts: 0
    })
    expect(sim!.log.entries.map((e) => e.outcome)).toEqual(['too_large', 'invalid', 'ok'])
  })

  it.each([
    ['fail500', 'The server answered 500'],
    ['malformedJson', 'malformed']
  ] as const)(
    'retries %s a bounded number of times, then fails the item with the reason',
    async (fault, reason) => {
      const items = await simWorkItems(1)
      const { scheduler } = await runJob({ faults: { [fault]: 1 } }, items, [spec('main')], {
        maxAttempts: 3,
        backoffBaseMs: 10,
        requestTimeoutMs: 300
      })
      const state = scheduler.state('item-0')
      expect(state).toMatchObject({ status: 'failed', kind: 'transient', attempts: 3 })
      expect(state?.status === 'failed' && state.reason).toContain(reason)
      expect(sim!.log.entries).toHaveLength(3)
    }
  )

  it('sends a request that timed out once more at most (it may be billed), then fails it', async () => {
    const items = await simWorkItems(1)
    const { scheduler } = await runJob({ faults: { hang: 1 } }, items, [spec('main')], {
      backoffBaseMs: 10,
      requestTimeoutMs: 300,
      minTimeoutMs: 300
    })
    expect(scheduler.state('item-0')).toMatchObject({
      status: 'failed',
      kind: 'timeout',
      attempts: 2,
      reason: 'The request timed out without a whole answer. (gave up after 2 attempts)'
    })
    expect(sim!.log.entries).toHaveLength(2)
  })

  it('an endpoint that never answers opens the breaker: few probes, then a resumable stop', async () => {
    const items = await simWorkItems(20)
    const { scheduler, outcome } = await runJob({ faults: { reset: 1 } }, items, [spec('main')], {
      backoffBaseMs: 10,
      networkGiveUpMs: 2500
    })
    expect(outcome).toMatchObject({ status: 'stopped', kind: 'network' })
    expect(count(scheduler, items, 'failed')).toBe(0)
    expect(count(scheduler, items, 'queued')).toBe(20)
    // Not 20 × 5 attempts: the 20 sent at once before anything failed, then one probe per pause.
    expect(sim!.log.entries.length).toBeLessThan(30)
  })

  it.each([
    [{ reasoning_effort: 'low' }, 'reasoning_effort'],
    [{ temprature: 0.3 }, 'temprature']
  ])(
    'a 400 about a setting (%j) stops the job naming it, not photo by photo',
    async (extra, name) => {
      const items = (await simWorkItems(50)).map((item): WorkItem => ({
        ...item,
        body: { ...item.body, ...extra } as WorkItem['body']
      }))
      const { scheduler, outcome } = await runJob({ latencyMs: 5 }, items, [spec('main', 600)])
      expect(outcome).toMatchObject({
        status: 'stopped',
        kind: 'config',
        reason: expect.stringContaining(`The endpoint refused the setting "${name}"`)
      })
      expect(count(scheduler, items, 'failed')).toBe(0)
      expect(sim!.log.entries.length).toBeLessThan(10)
    }
  )

  it('recovers from occasional faults: every item done, none paid twice', async () => {
    const items = await simWorkItems(40)
    const { scheduler, outcome } = await runJob(
      { faults: { fail500: 0.1, fail503: 0.1, reset: 0.05 }, seed: 11 },
      items,
      [spec('main')],
      { backoffBaseMs: 20 }
    )
    expect(outcome).toEqual({ status: 'completed' })
    expect(count(scheduler, items, 'done')).toBe(40)
    expect(sim!.log.entries.length).toBeGreaterThan(40)
    expect(answeredTwice(sim!)).toBe(0)
  })

  it('cancels: in-flight requests are aborted, nothing more is sent', async () => {
    const items = await simWorkItems(6)
    sim = await startSimulator({ latencyMs: 2000 })
    const scheduler = new Scheduler(
      createOpenAITransport({ baseURL: sim.url }, KEYS),
      resolveSchedulerOptions({ keys: [spec('main', 600)], clock: systemClock })
    )
    scheduler.add(items)
    await new Promise((resolve) => setTimeout(resolve, 350))
    scheduler.cancel()
    expect(await scheduler.done).toEqual({ status: 'cancelled' })
    expect(count(scheduler, items, 'queued')).toBe(6)
    await new Promise((resolve) => setTimeout(resolve, 2300))
    // The simulator logs a request when it ends: all 6 were in flight at cancel, all abandoned,
    // and billed all the same (OpenAI may finish a request whose client went away).
    expect(sim.log.entries.map((e) => e.outcome)).toEqual(Array(6).fill('client_gone_billed'))
  })

  it('a body that stalls after the headers times out in time, not in minutes', async () => {
    const items = await simWorkItems(1)
    const started = Date.now()
    const { scheduler } = await runJob({ faults: { stallBody: 1 } }, items, [spec('main')], {
      backoffBaseMs: 10,
      requestTimeoutMs: 400,
      minTimeoutMs: 400
    })
    expect(scheduler.state('item-0')).toMatchObject({
      status: 'failed',
      kind: 'timeout',
      attempts: 2
    })
    expect(Date.now() - started).toBeLessThan(3000)
  })

  it('counts requests re-sent after a timeout as possibly paid twice; the simulator bills both', async () => {
    const items = await simWorkItems(30)
    sim = await startSimulator({ latencyMs: 300, latencyJitterMs: 280, seed: 5 })
    const retries: string[] = []
    const scheduler = new Scheduler(
      createOpenAITransport({ baseURL: sim.url }, KEYS),
      resolveSchedulerOptions({
        keys: [spec('main')],
        clock: systemClock,
        requestTimeoutMs: 350,
        minTimeoutMs: 350,
        backoffBaseMs: 10
      }),
      (e) => {
        if (e.type === 'item' && e.state.status === 'retrying' && e.state.cause === 'timeout')
          retries.push(e.id)
      }
    )
    scheduler.add(items)
    scheduler.endInput()
    await scheduler.done
    await new Promise((resolve) => setTimeout(resolve, 700)) // the abandoned ones finish
    const billedTwice = [...sim.log.billedByImage().values()].filter((n) => n > 1).length
    expect(retries.length).toBeGreaterThan(0)
    expect(billedTwice).toBeGreaterThan(0)
    expect(billedTwice).toBeLessThanOrEqual(retries.length)
    // No item was sent more than twice.
    expect(Math.max(...sim.log.billedByImage().values())).toBeLessThanOrEqual(2)
  })
})

describe('pause and resume against the simulator', () => {
  it('sends nothing while paused, then finishes every item once after resume', async () => {
    const items = await simWorkItems(12)
    sim = await startSimulator({ latencyMs: 30 })
    const scheduler = new Scheduler(
      createOpenAITransport({ baseURL: sim.url }, KEYS),
      resolveSchedulerOptions({ keys: [spec('main', 600)], clock: systemClock })
    )
    scheduler.add(items)
    scheduler.endInput()
    await new Promise((resolve) => setTimeout(resolve, 250))
    scheduler.pause()
    await new Promise((resolve) => setTimeout(resolve, 100))
    const atPause = sim.log.entries.length
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect(sim.log.entries.length).toBe(atPause)
    expect(atPause).toBeLessThan(12)
    scheduler.resume()
    expect(await scheduler.done).toEqual({ status: 'completed' })
    expect(count(scheduler, items, 'done')).toBe(12)
    expect(sim.log.answersByImage().size).toBe(12)
    expect(answeredTwice(sim)).toBe(0)
  })
})
