import type { JobOnDyingModel } from '../../core'

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
