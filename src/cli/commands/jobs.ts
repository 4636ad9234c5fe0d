import type { Command } from 'commander'
import { jobsOnDyingModels, openEngine } from '../../core'
import type { CliIo } from '../io'
import { dyingJobLine } from '../run/dying-jobs'
import { dataDirFrom } from '../run/settings'

/** Registers `jobs`: every job in the data folder, unfinished ones marked resumable. */
export function registerJobs(program: Command, io: CliIo): void {
  program
    .command('jobs')
    .description('list jobs (unfinished ones can be resumed with run --resume)')
    .option(
      '--data-dir <dir>',
      'where jobs live (default: the desktop app’s folder, or PHOTOSCRIBE_DATA_DIR)'
    )
    .option('--json', 'print JSON lines', false)
    .action(async (flags: { dataDir?: string; json: boolean }) => {
      const service = openEngine(dataDirFrom(flags))
      const jobs = await service.list()
      const dying = new Map(jobsOnDyingModels(jobs, service.today()).map((job) => [job.id, job]))
      if (jobs.length === 0 && !flags.json) io.out('No jobs yet.')
      for (const job of jobs) {
        const onDying = dying.get(job.id)
        if (flags.json) {
          io.out(
            JSON.stringify({
              event: 'job',
              ...job,
              ...(onDying ? { modelLife: onDying.life } : {})
            })
          )
          continue
        }
        io.out(
          `${job.id}  ${job.finished ? 'finished  ' : 'resumable '} ${job.counts.done}/${job.counts.total} done, ${job.counts.failed} failed  ${job.name}`
        )
        if (onDying) io.out(`  ⚠ ${dyingJobLine(onDying)}`)
      }
    })
}
