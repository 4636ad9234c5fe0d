import { rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { countItems, type JobState } from '../../src/core/jobs/job-state'
import { newJob } from '../../src/core/jobs/new-job'
import type { SchedulerOptions } from '../../src/core/scheduler/types'
import { BatchWatchPool, type PollSchedule } from '../../src/core/batch/batch-watch'
import { systemClock } from '../../src/core/scheduler/clock'
import type { SimulatorOverrides } from '../../src/simulator/options'
import { startSimulator, type Simulator } from '../../src/simulator/server'
import { runBatchOnSim } from '../helpers/batch-run'
import { photoFolder, testSettings } from '../helpers/job-fixtures'
import { runJobOnSim } from '../helpers/job-run'
import { mountSmallDisk, type SmallDisk } from './small-disk'

/** One row of the fault matrix: a fault, how the job is sent, and how big. */
export interface FaultScenario {
  id: string
  fault: string
  mode: 'live' | 'batch'
  photos: number
  sim: SimulatorOverrides
  /** The key the first run uses (a resume uses a healthy one). */
  apiKey?: string
  /** Engine settings over the test-scale ones (a long outage needs the real patience). */
  scheduler?: Partial<SchedulerOptions>
  /** How often batches are looked at (default: every 40 ms backing off to 200 ms). */
  polls?: PollSchedule
  /** The data folder, on its own small disk, turns read-only or fills after this many answers. */
  disk?: { fault: 'readOnly' | 'full'; afterAnswers: number; path?: RegExp }
  /** Resume with the first key, credit added (a Batch job's batches belong to its key). */
  resumeSameKey?: boolean
  /** Photos per batch file (Batch: several parts, so a fault can land between them). */
  batchLines?: number
}

/** What happened to a scenario's job, first under the fault, then resumed on a healthy endpoint. */
export interface FaultOutcome {
  scenario: FaultScenario
  firstOutcome: string
  doneFirst: number
  /** Failures of the first run by code, each with its reason (none may be empty). */
  failedFirst: Record<string, number>
  reasonsMissing: number
  /** Images the simulator billed more than once, and how many the engine said it re-sent after a timeout. */
  paidTwice: number
  possiblyPaidTwice: number
  /** What the simulator refused or broke during the first run (429s, faults, dropped connections), by outcome. */
  injected: Record<string, number>
  resumed: boolean
  doneAfterResume: number
  /** Reasons of what is still failed after the resume (none expected). */
  failedAfterResume: string[]
  lost: number
}

/** Timeouts and backoffs at test scale: a fault plays out in seconds, not minutes. */
const FAST: Partial<SchedulerOptions> = {
  requestTimeoutMs: 1500,
  minTimeoutMs: 800,
  backoffBaseMs: 20,
  backoffCapMs: 300,
  networkPauseCapMs: 500,
  networkGiveUpMs: 4000,
  defaultRetryAfterMs: 200
}

export const FIRST_KEY = 'sk-fault-first-0001'
export const HEALTHY_KEY = 'sk-fault-healthy-0001'

/** Runs a scenario, then resumes the job with the faults switched off (and a fresh key). */
export async function runScenario(scenario: FaultScenario): Promise<FaultOutcome> {
  let folder: string | undefined
  let disk: SmallDisk | undefined
  const sim = await startSimulator({
    latencyMs: 10,
    ...scenario.sim,
    batch: { stepMs: 120, ...scenario.sim.batch }
  })
  try {
    const { photos, dataDir } = await photoFolder(scenario.photos)
    folder = dirname(photos)
    if (scenario.disk) disk = diskFault(sim, dataDir, scenario.disk)
    const settings = testSettings([photos], {
      mode: scenario.mode,
      batchLines: scenario.batchLines
    })
    const job = await newJob(dataDir, settings)
    const first = await run(scenario, sim, dataDir, job.id, scenario.apiKey)
    const billed = [...sim.log.billedByImage().values()].filter((n) => n > 1).length
    const injected: Record<string, number> = {}
    for (const entry of sim.log.entries)
      if (entry.outcome !== 'ok') injected[entry.outcome] = (injected[entry.outcome] ?? 0) + 1
    heal(sim)
    disk?.heal()
    if (scenario.resumeSameKey) sim.topUp(scenario.apiKey ?? FIRST_KEY)
    const needsResume = countItems(first.state).done < scenario.photos
    const resumeKey = scenario.resumeSameKey ? scenario.apiKey : HEALTHY_KEY
    const after = needsResume ? await run(scenario, sim, dataDir, job.id, resumeKey) : first
    const counts = countItems(after.state)
    return {
      scenario,
      firstOutcome: first.outcome,
      doneFirst: countItems(first.state).done,
      failedFirst: failures(first.state),
      reasonsMissing: [...first.state.items.values()].filter(
        (i) => i.status === 'failed' && !i.reason?.trim()
      ).length,
      paidTwice: billed,
      possiblyPaidTwice: first.possiblyPaidTwice,
      injected,
      resumed: needsResume,
      doneAfterResume: counts.done,
      failedAfterResume: [...after.state.items.values()]
        .filter((i) => i.status === 'failed')
        .map((i) => `${i.code}: ${i.reason}`),
      lost: scenario.photos - counts.done - counts.failed
    }
  } finally {
    await sim.close()
    disk?.unmount()
    // The benchmark runs outside vitest's temporary root: leave nothing behind.
    if (folder) await rm(folder, { recursive: true, force: true })
  }
}

async function run(
  scenario: FaultScenario,
  sim: Simulator,
  dataDir: string,
  jobId: string,
  apiKey = FIRST_KEY
): Promise<{ outcome: string; state: JobState; possiblyPaidTwice: number }> {
  if (scenario.mode === 'batch') {
    const { outcome, job, run } = await runBatchOnSim(dataDir, jobId, {
      sim,
      apiKey,
      watches: scenario.polls && new BatchWatchPool(systemClock, scenario.polls),
      context: { scheduler: { ...FAST, ...scenario.scheduler } }
    })
    return {
      outcome: describe(outcome),
      state: job.state,
      possiblyPaidTwice: run.totals().possiblyPaidTwice
    }
  }
  let live: { totals(): { possiblyPaidTwice: number } } | undefined
  const { outcome, job } = await runJobOnSim(dataDir, jobId, {
    sim,
    apiKey,
    rpm: 6000,
    context: { scheduler: { ...FAST, ...scenario.scheduler } },
    started: (r) => (live = r)
  })
  return {
    outcome: describe(outcome),
    state: job.state,
    possiblyPaidTwice: live?.totals().possiblyPaidTwice ?? 0
  }
}

function describe(outcome: { status: string; kind?: string }): string {
  return outcome.status === 'stopped' ? `stopped: ${outcome.kind}` : outcome.status
}

/** Puts the data folder on a small disk that goes read-only or full after `afterAnswers` answers. */
function diskFault(
  sim: Simulator,
  dataDir: string,
  fault: NonNullable<FaultScenario['disk']>
): SmallDisk {
  const disk = mountSmallDisk(dataDir)
  let answers = 0
  sim.log.onEntry = (entry) => {
    if (entry.outcome !== 'ok' || (fault.path && !fault.path.test(entry.path))) return
    if (++answers !== fault.afterAnswers) return
    if (fault.fault === 'readOnly') disk.readOnly()
    else disk.fill()
  }
  return disk
}

/** Every fault off: the endpoint is healthy again. */
function heal(sim: Simulator): void {
  const o = sim.options
  for (const key of Object.keys(o.faults) as (keyof typeof o.faults)[]) o.faults[key] = 0
  for (const key of Object.keys(o.answerFaults) as (keyof typeof o.answerFaults)[])
    o.answerFaults[key] = 0
  o.batch.failRate = 0
  o.batch.expire = false
  o.batch.apiFaults = { fail503: 0, reset: 0, rateLimited: 0 }
  o.outage = undefined
  o.storm = undefined
  sim.log.onEntry = null
}

function failures(state: JobState): Record<string, number> {
  const byCode: Record<string, number> = {}
  for (const item of state.items.values())
    if (item.status === 'failed') byCode[item.code ?? '?'] = (byCode[item.code ?? '?'] ?? 0) + 1
  return byCode
}

/** The fault matrix: live and Batch, each fault with the size that shows it. */
export const FAULT_MATRIX: FaultScenario[] = [
  {
    id: 'F1a',
    fault: '429s: a key 10× slower than Settings claim, with retry-after',
    mode: 'live',
    photos: 40,
    sim: { defaultKey: { rpm: 600, tpm: 10_000_000, burstSeconds: 1 } }
  },
  {
    id: 'F1b',
    fault: '429s: the same key, with no retry-after or rate-limit headers',
    mode: 'live',
    photos: 40,
    sim: { bare429: true, defaultKey: { rpm: 600, tpm: 10_000_000, burstSeconds: 1 } }
  },
  {
    id: 'F1c',
    fault: '429 storm: every request refused for 5 s, with retry-after',
    mode: 'live',
    photos: 40,
    sim: { storm: { afterRequests: 10, durationMs: 5000, retryAfter: true } }
  },
  {
    id: 'F1d',
    fault: '429 storm: every request refused for 5 s, no retry-after',
    mode: 'live',
    photos: 40,
    sim: { storm: { afterRequests: 10, durationMs: 5000, retryAfter: false } }
  },
  {
    id: 'F2',
    fault: '500/502/503 bursts (10 % each)',
    mode: 'live',
    photos: 40,
    sim: { faults: { fail500: 0.1, fail502: 0.1, fail503: 0.1 } }
  },
  {
    id: 'F3',
    fault: 'connection resets after headers: half a body, then closed (15 %)',
    mode: 'live',
    photos: 40,
    sim: { faults: { truncateBody: 0.15 } }
  },
  {
    id: 'F4',
    fault: 'insufficient_quota after 12 answers',
    mode: 'live',
    photos: 40,
    sim: { keys: { [FIRST_KEY]: { quotaAfter: 12 }, [HEALTHY_KEY]: {} } }
  },
  {
    id: 'F5',
    fault: 'connection resets before headers (15 %)',
    mode: 'live',
    photos: 40,
    sim: { faults: { reset: 0.15 } }
  },
  {
    id: 'F6',
    fault: 'hangs: no answer at all (10 %)',
    mode: 'live',
    photos: 30,
    sim: { faults: { hang: 0.1 } }
  },
  {
    id: 'F7',
    fault: 'headers, half a body, then nothing (10 %)',
    mode: 'live',
    photos: 30,
    sim: { faults: { stallBody: 0.1 } }
  },
  {
    id: 'F8a',
    fault: 'malformed JSON bodies (15 %)',
    mode: 'live',
    photos: 40,
    sim: { faults: { malformedJson: 0.15 } }
  },
  {
    id: 'F8b',
    fault: 'a 200 with empty choices (15 %)',
    mode: 'live',
    photos: 40,
    sim: { answerFaults: { emptyChoices: 0.15 } }
  },
  {
    id: 'F9',
    fault: 'slow bodies, trickled (10 %)',
    mode: 'live',
    photos: 30,
    sim: { faults: { slowBody: 0.1 }, slowBodyMs: 400 }
  },
  {
    id: 'F11',
    fault: 'the data folder turns read-only after 15 answers',
    mode: 'live',
    photos: 40,
    sim: {},
    disk: { fault: 'readOnly', afterAnswers: 15 }
  },
  {
    id: 'F12',
    fault: 'the disk fills after 15 answers',
    mode: 'live',
    photos: 40,
    sim: {},
    disk: { fault: 'full', afterAnswers: 15 }
  },
  {
    id: 'P1',
    fault: 'a seeded mix of all of the above',
    mode: 'live',
    photos: 60,
    sim: {
      seed: 11,
      faults: {
        fail500: 0.05,
        fail503: 0.05,
        reset: 0.05,
        hang: 0.03,
        stallBody: 0.03,
        malformedJson: 0.05
      },
      answerFaults: { emptyChoices: 0.05 }
    }
  },
  {
    id: 'B1',
    fault: 'Batch: 30 % of lines fail (500 inside the batch)',
    mode: 'batch',
    photos: 40,
    sim: { batch: { failRate: 0.3 } }
  },
  {
    id: 'B2',
    fault: 'Batch: the batch expires with half its lines done',
    mode: 'batch',
    photos: 40,
    sim: { batch: { expire: 1 } }
  },
  {
    id: 'B3',
    fault: 'Batch: a full queue refused with a 429',
    mode: 'batch',
    photos: 40,
    sim: { batch: { queueRefusal: '429' }, defaultKey: { batchQueueTokens: 5_000 } }
  },
  {
    id: 'B10',
    fault: 'Batch: a 429 storm on the Files and Batches endpoints for 5 s',
    mode: 'batch',
    photos: 40,
    batchLines: 10,
    sim: { storm: { afterRequests: 2, durationMs: 5000, retryAfter: true } }
  },
  {
    id: 'B6',
    fault: 'Batch: insufficient_quota after the first 20 lines',
    mode: 'batch',
    photos: 40,
    batchLines: 10,
    sim: { keys: { [FIRST_KEY]: { quotaAfter: 12 } } },
    resumeSameKey: true
  },
  {
    id: 'B7',
    fault: 'Batch: 503s, resets and 429s on the Files and Batches endpoints (10 % each)',
    mode: 'batch',
    photos: 40,
    batchLines: 10,
    sim: { batch: { apiFaults: { fail503: 0.1, reset: 0.1, rateLimited: 0.1 } } }
  },
  {
    id: 'B8',
    fault: 'Batch: the disk fills while the batch files are written',
    mode: 'batch',
    photos: 40,
    batchLines: 10,
    sim: {},
    disk: { fault: 'full', afterAnswers: 1 }
  },
  {
    id: 'B9',
    fault: 'Batch: the disk fills once the first results are downloaded',
    mode: 'batch',
    photos: 40,
    batchLines: 10,
    sim: {},
    disk: { fault: 'full', afterAnswers: 1, path: /\/content$/ }
  },
  {
    id: 'P2',
    fault: 'Batch: a seeded mix (failed lines, an expiry, endpoint faults)',
    mode: 'batch',
    photos: 60,
    batchLines: 15,
    sim: {
      seed: 12,
      batch: {
        failRate: 0.1,
        expire: 1,
        apiFaults: { fail503: 0.05, reset: 0.05, rateLimited: 0.05 }
      }
    }
  },
  {
    id: 'B4',
    fault: 'Batch: the endpoint away for 3 s mid-job',
    mode: 'batch',
    photos: 40,
    sim: { outage: { afterRequests: 3, durationMs: 3000 } }
  }
]
