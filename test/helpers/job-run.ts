import { JobRun, type EngineContext } from '../../src/core/jobs/run-job'
import { loadJob, type StoredJob } from '../../src/core/jobs/job-store'
import { createOpenAITransport } from '../../src/core/openai/transport'
import { systemClock } from '../../src/core/scheduler/clock'
import type { JobOutcome } from '../../src/core/scheduler/types'
import type { Simulator } from '../../src/simulator/server'

/** One key against a simulator, fast limits unless given. */
export interface SimRun {
  sim: Simulator
  rpm?: number
  tpm?: number
  apiKey?: string
  context?: Partial<EngineContext>
  /** Called with the run once it exists (to cancel or pause it from a test). */
  started?: (run: JobRun) => void
}

/** Loads a job and runs it against the simulator; returns the outcome and the job as reloaded. */
export async function runJobOnSim(
  dataDir: string,
  jobId: string,
  options: SimRun
): Promise<{ outcome: JobOutcome; job: StoredJob }> {
  const job = await loadJob(dataDir, jobId)
  const run = new JobRun(job, {
    dataDir,
    transport: createOpenAITransport(
      { baseURL: options.sim.url },
      new Map([['k', options.apiKey ?? 'sk-test-0001']])
    ),
    keys: [{ id: 'k', label: 'Main', rpm: options.rpm ?? 6000, tpm: options.tpm ?? 10_000_000 }],
    clock: systemClock,
    ...options.context
  })
  options.started?.(run)
  const outcome = await run.run()
  return { outcome, job: await loadJob(dataDir, jobId) }
}
