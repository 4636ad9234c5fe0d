import type { ModelPrices } from '@shared/models/catalog'
import { Scheduler, type SchedulerEvent } from '../scheduler/scheduler'
import type { JobTracker } from '../scheduler/totals'
import { resolveSchedulerOptions, type SchedulerOptions } from '../scheduler/types'
import type { Template } from '../templates/template'
import { AnswerDesk } from './answer-desk'
import type { Budget } from './budget'
import type { StoredJob } from './job-store'
import type { JobRecorder } from './recorder'
import type { EngineContext } from './engine-context'

const FLEX_TIMEOUT_MS = 15 * 60_000

/** What the live scheduler and its answer desk need from the run around them. */
export interface LiveDeskParts {
  template: Template
  prices: ModelPrices | null
  budget: Budget
  tracker: JobTracker
  recorder: () => JobRecorder
  /**
   * Hears every scheduler event after the tracker and the desk have, but the scheduler's end: the
   * run reports its own end once the journal is closed.
   */
  emit: (event: Exclude<SchedulerEvent, { type: 'job' | 'charge' }>) => void
}

/** The scheduler's options for this job: the context's keys, clock, leases and overrides. */
function schedulerOptions(job: StoredJob, ctx: EngineContext): SchedulerOptions {
  return resolveSchedulerOptions({
    keys: ctx.keys,
    clock: ctx.clock,
    maxConcurrency: ctx.maxConcurrency ?? job.settings.maxConcurrency,
    leases: ctx.leases,
    // Flex answers are slower: OpenAI advises waiting up to 15 minutes for one.
    ...(ctx.flex ? { flexFallback: ctx.flex.fallback, requestTimeoutMs: FLEX_TIMEOUT_MS } : {}),
    ...ctx.scheduler
  })
}

/**
 * The throttled scheduler for a job's live requests and the desk that turns its answers into
 * results (follow-ups go back to the scheduler). A live run sends every photo through it; a Batch
 * run only its re-asks.
 */
export function createLiveDesk(
  job: StoredJob,
  ctx: EngineContext,
  parts: LiveDeskParts
): { scheduler: Scheduler; desk: AnswerDesk } {
  const options = schedulerOptions(job, ctx)
  const scheduler: Scheduler = new Scheduler(
    ctx.transport,
    options,
    (event) => {
      if (event.type === 'charge') return desk.charged(event.id, event.requested)
      parts.tracker.observe(event)
      if (event.type === 'item' && event.state.status === 'done')
        desk.answered(event.id, event.state.completion, event.state.latencyMs)
      if (event.type === 'item' && event.state.status === 'failed')
        desk.failed(event.id, event.state.kind, event.state.reason)
      if (event.type !== 'job') parts.emit(event)
    },
    ctx.lanes
  )
  const desk = new AnswerDesk({
    template: parts.template,
    prices: parts.prices,
    budget: parts.budget,
    recorder: parts.recorder,
    learning: ctx.learning,
    send: (request) => {
      if (scheduler.closed) return false
      scheduler.add([request.work])
      return true
    }
  })
  return { scheduler, desk }
}
