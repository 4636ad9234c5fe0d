import { englishProblem } from '@shared/i18n/problems'
import type { JobTracker } from '../scheduler/totals'
import type { JobOutcome } from '../scheduler/types'
import { dataLayout } from '../paths'
import { budgetProblem } from './job-request'
import { lockJob } from './job-lock'
import type { StoredJob } from './job-store'
import type { EngineContext } from './engine-context'
import { JobRecorder } from './recorder'
import { ResultCache } from './result-cache'

/** A run that may go: the job locked for it and its journal open. */
export interface BegunRun {
  recorder: JobRecorder
  release: () => Promise<void>
}

/**
 * What every run does first, live or Batch: refuse a budget it cannot keep, lock the job (one run
 * at a time), open the journal with the result cache (none for the demo, whose invented answers
 * must never reach real runs), and stop (journaled) on a model the endpoint no longer serves.
 */
export async function beginRun(
  job: StoredJob,
  ctx: Pick<EngineContext, 'dataDir' | 'onRecorded' | 'checkModel' | 'learning'>,
  tracker: JobTracker,
  onJournalFailure: () => void
): Promise<BegunRun | { refused: JobOutcome }> {
  const unbudgetable = budgetProblem(job.settings)
  if (unbudgetable)
    return {
      refused: {
        status: 'stopped',
        kind: 'budget',
        reason: `The budget can't be kept: ${englishProblem(unbudgetable)}`
      }
    }
  const results =
    job.settings.endpoint.kind === 'demo'
      ? null
      : new ResultCache(dataLayout(ctx.dataDir).resultCache)
  const lock = await lockJob(job.dir)
  try {
    const recorder = await JobRecorder.open(job, results, tracker, onJournalFailure, ctx.onRecorded)
    // Before any photo is sent: a model switched off stops the run, journaled like any stop.
    const dead = await ctx.checkModel?.()
    if (dead) {
      const refused: JobOutcome = { status: 'stopped', kind: 'model', reason: englishProblem(dead) }
      await recorder.close(refused, false)
      await lock.release()
      return { refused }
    }
    // What the run learned about image tokens is written before the job is let go.
    const release = async (): Promise<void> => {
      await ctx.learning?.flush()
      await lock.release()
    }
    return { recorder, release }
  } catch (error) {
    await lock.release()
    throw error
  }
}
