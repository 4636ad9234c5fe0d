import { setMaxListeners } from 'node:events'
import OpenAI from 'openai'
import { createOpenAITransport } from '../../src/core/openai/transport'
import { systemClock } from '../../src/core/scheduler/clock'
import { Scheduler } from '../../src/core/scheduler/scheduler'
import { resolveSchedulerOptions } from '../../src/core/scheduler/types'
import type { SampleRequest } from '../../src/simulator/workload'
import type { Scenario } from './scenarios'

/** What a run produced: items with an answer, and how long it took. */
export interface RunResult {
  seconds: number
  done: number
  failed: number
  finished: boolean
}

/** Splits the work over the scenario's processes and runs them at once; their results added up. */
export async function inProcesses(
  scenario: Scenario,
  requests: SampleRequest[],
  run: (part: SampleRequest[]) => Promise<RunResult>
): Promise<RunResult> {
  const count = scenario.processes ?? 1
  const parts = Array.from({ length: count }, (_, i) => requests.filter((_, j) => j % count === i))
  const started = performance.now()
  const results = await Promise.all(parts.map(run))
  return {
    seconds: (performance.now() - started) / 1000,
    done: results.reduce((sum, r) => sum + r.done, 0),
    failed: results.reduce((sum, r) => sum + r.failed, 0),
    finished: results.every((r) => r.finished)
  }
}

/** Photoscribe's scheduler, configured from the scenario's Settings (one per process, sharing nothing). */
export async function runOurs(
  url: string,
  scenario: Scenario,
  requests: SampleRequest[]
): Promise<RunResult> {
  const keys = new Map(Object.keys(scenario.configured).map((k) => [k, k]))
  const specs = Object.entries(scenario.configured).map(([id, limits]) => ({
    id,
    label: id,
    ...limits
  }))
  const scheduler = new Scheduler(
    createOpenAITransport({ baseURL: url }, keys),
    resolveSchedulerOptions({ keys: specs, clock: systemClock, minTimeoutMs: 2000 })
  )
  const started = performance.now()
  scheduler.add(requests)
  scheduler.endInput()
  await scheduler.done
  const states = requests.map((r) => scheduler.state(r.id)?.status)
  return {
    seconds: (performance.now() - started) / 1000,
    done: states.filter((s) => s === 'done').length,
    failed: states.filter((s) => s === 'failed').length,
    finished: true
  }
}

/**
 * The naive script people write: 8 concurrent workers, the SDK's default retries and timeout,
 * keys taken in turn. Stopped at `deadlineSeconds` (what is unfinished then is reported).
 */
export async function runNaive(
  url: string,
  scenario: Scenario,
  requests: SampleRequest[],
  deadlineSeconds: number
): Promise<RunResult> {
  const clients = Object.keys(scenario.configured).map(
    (apiKey) => new OpenAI({ apiKey, baseURL: url })
  )
  const stop = new AbortController()
  setMaxListeners(1000, stop.signal)
  const deadline = setTimeout(() => stop.abort(), deadlineSeconds * 1000)
  const queue = [...requests]
  let done = 0
  let failed = 0
  const started = performance.now()
  const worker = async (index: number): Promise<void> => {
    const client = clients[index % clients.length]
    for (let next = queue.shift(); next && !stop.signal.aborted; next = queue.shift()) {
      try {
        await client.chat.completions.create(next.body, { signal: stop.signal })
        done++
      } catch {
        if (!stop.signal.aborted) failed++
      }
    }
  }
  await Promise.all(Array.from({ length: 8 }, (_, i) => worker(i)))
  clearTimeout(deadline)
  return {
    seconds: (performance.now() - started) / 1000,
    done,
    failed,
    finished: !stop.signal.aborted
  }
}
