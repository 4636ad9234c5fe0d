import {
  countItems,
  dyingModelProblem,
  type JobOnDyingModel,
  type JobService,
  type StoredJob
} from '../../core'
import type { Problem } from '@shared/problem'
import type { CliIo } from '../io'
import { cliProblem } from '../problem-words'
import type { RunFlags } from './settings'

/** One unfinished job on a model that is gone or shuts down soon, and the command to switch it. */
export function dyingJobLine(job: JobOnDyingModel): string {
  const { life } = job
  const when =
    life.kind === 'gone'
      ? `was switched off on ${life.shutdownDate}`
      : `shuts down on ${life.shutdownDate}`
  const how = life.replacement
    ? `: photoscribe run --resume ${job.id} --switch-model ${life.replacement}`
    : ''
  return `unfinished job ${job.id} (${job.left} photo(s) left) asks ${job.model}, which ${when}${how}`
}

/** A model shutting down soon runs, with a warning in the first lines naming the date. */
export function warnIfDying(service: JobService, job: StoredJob, flags: RunFlags, io: CliIo): void {
  const dying = dyingModelProblem(job.settings.model, service.modelLife(job.settings.model))
  if (!dying) return
  if (flags.json) io.out(JSON.stringify({ event: 'warning', ...dying }))
  else io.err(`photoscribe: ${cliProblem(switchHow(dying, flags))}`)
}

/**
 * A resumed job is switched with --switch-model (a new one takes --model): the model problems
 * name that command. Never switched on its own.
 */
export function switchHow<P extends Problem>(problem: P, flags: RunFlags): P {
  const replacement = problem.params?.replacement
  if (!flags.resume || problem.field !== 'model' || typeof replacement !== 'string') return problem
  const how = `photoscribe run --resume ${flags.resume} --switch-model ${replacement}`
  return { ...problem, params: { ...problem.params, how } }
}

/** Unfinished jobs asking a model that is gone or shuts down soon, with the command to switch. */
export async function listJobsOnDyingModels(
  service: JobService,
  json: boolean,
  io: CliIo
): Promise<void> {
  for (const job of await service.jobsOnDyingModels())
    if (json) io.out(JSON.stringify({ event: 'jobOnDyingModel', ...job }))
    else io.err(`photoscribe: ${dyingJobLine(job)}`)
}

/** `--switch-model`: the photos left are asked with another model; kept answers stay. */
export async function switchModel(
  service: JobService,
  job: StoredJob,
  flags: RunFlags,
  io: CliIo
): Promise<void> {
  const prices =
    flags.priceInput !== undefined && flags.priceOutput !== undefined
      ? { input: flags.priceInput, output: flags.priceOutput }
      : undefined
  const { from, to } = await service.switchModel(job, flags.switchModel!, {
    pricing: undefined,
    prices
  })
  const kept = countItems(job.state).done
  io.err(
    `Job ${job.id} now asks ${to} for the photos left (it asked ${from}); the ${kept} answer(s) kept came from ${from} and say so.`
  )
}
