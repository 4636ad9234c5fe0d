// One process of the shared-key bench: a scheduler of its own on the shared key, started on "go".
import { createOpenAITransport } from '../../src/core/openai/transport'
import { systemClock } from '../../src/core/scheduler/clock'
import { FileLeaseBoard, keyShareId } from '../../src/core/scheduler/key-lease'
import { Scheduler } from '../../src/core/scheduler/scheduler'
import { resolveSchedulerOptions } from '../../src/core/scheduler/types'
import type { SampleRequest } from '../../src/simulator/workload'

/** What the bench sends a worker before "go". */
export interface WorkerTask {
  url: string
  apiKey: string
  rpm: number
  tpm: number
  requests: SampleRequest[]
  /** The machine's lease folder; absent: the processes are on different machines. */
  leaseDir?: string
}

/** What a worker answers when its part is done. */
export interface WorkerResult {
  seconds: number
  done: number
  failed: number
  cuts: number
}

function schedulerFor(task: WorkerTask): Scheduler {
  const key = {
    id: 'key-1',
    label: 'shared',
    rpm: task.rpm,
    tpm: task.tpm,
    shareId: keyShareId(task.url, task.apiKey)
  }
  return new Scheduler(
    createOpenAITransport({ baseURL: task.url }, new Map([['key-1', task.apiKey]])),
    resolveSchedulerOptions({
      keys: [key],
      clock: systemClock,
      minTimeoutMs: 2000,
      leases: task.leaseDir ? new FileLeaseBoard(task.leaseDir) : undefined
    })
  )
}

async function run(task: WorkerTask, scheduler: Scheduler): Promise<WorkerResult> {
  const started = performance.now()
  scheduler.add(task.requests)
  scheduler.endInput()
  await scheduler.done
  const states = task.requests.map((r) => scheduler.state(r.id)?.status)
  return {
    seconds: (performance.now() - started) / 1000,
    done: states.filter((s) => s === 'done').length,
    failed: states.filter((s) => s === 'failed').length,
    cuts: scheduler.keys()[0]?.rateCuts ?? 0
  }
}

let prepared: { task: WorkerTask; scheduler: Scheduler } | undefined
process.on('message', (message: { type: 'prepare'; task: WorkerTask } | { type: 'go' }) => {
  if (message.type === 'prepare') {
    prepared = { task: message.task, scheduler: schedulerFor(message.task) }
    process.send!({ type: 'ready' })
    return
  }
  if (!prepared) return
  void run(prepared.task, prepared.scheduler).then((result) => {
    process.send!({ type: 'result', result }, () => process.exit(0))
  })
})
