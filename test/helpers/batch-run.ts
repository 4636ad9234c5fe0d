import { createBatchClient } from '../../src/core/batch/batch-client'
import { BatchRun, type BatchEngineContext } from '../../src/core/batch/batch-run'
import { BatchWatchPool, type PollSchedule } from '../../src/core/batch/batch-watch'
import { loadJob, type StoredJob } from '../../src/core/jobs/job-store'
import { createOpenAITransport } from '../../src/core/openai/transport'
import { systemClock, type Clock } from '../../src/core/scheduler/clock'
import type { JobOutcome } from '../../src/core/scheduler/types'
import type { Simulator } from '../../src/simulator/server'

/** Polls fast enough for a test on the real clock (the simulator's batches step in ~100 ms). */
export const FAST_POLLS: PollSchedule = { firstMs: 40, factor: 1.5, maxMs: 200 }

export interface SimBatchRun {
  sim: Simulator
  apiKey?: string
  clock?: Clock
  watches?: BatchWatchPool
  batchQueueTokens?: number
  context?: Partial<BatchEngineContext>
  started?: (run: BatchRun) => void
}

/** Loads a job and runs it through the simulator's Batch API; returns the outcome and the job reloaded. */
export async function runBatchOnSim(
  dataDir: string,
  jobId: string,
  options: SimBatchRun
): Promise<{ outcome: JobOutcome; job: StoredJob; run: BatchRun }> {
  const job = await loadJob(dataDir, jobId)
  const clock = options.clock ?? systemClock
  const keys = new Map([['k', options.apiKey ?? 'sk-test-0001']])
  const endpoint = { baseURL: options.sim.url }
  const run = new BatchRun(job, {
    dataDir,
    transport: createOpenAITransport(endpoint, keys),
    keys: [
      {
        id: 'k',
        label: 'Main',
        rpm: 6000,
        tpm: 10_000_000,
        batchQueueTokens: options.batchQueueTokens
      }
    ],
    clock,
    batchClient: createBatchClient(endpoint, keys, job.settings.model),
    watches: options.watches ?? new BatchWatchPool(clock, FAST_POLLS),
    ...options.context
  })
  options.started?.(run)
  const outcome = await run.run()
  return { outcome, job: await loadJob(dataDir, jobId), run }
}

/** The requests a simulator saw, by method and path (ids folded: `/v1/batches/{id}`). */
export function requestCounts(sim: Simulator): Record<string, number> {
  const counts: Record<string, number> = {}
  for (const entry of sim.log.entries) {
    const path = entry.path.replace(/(batch_|file-)sim\w+/g, '{id}')
    const key = `${entry.method} ${path}`
    counts[key] = (counts[key] ?? 0) + 1
  }
  return counts
}
