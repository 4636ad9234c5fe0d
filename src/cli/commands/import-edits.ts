import type { Command } from 'commander'
import { JobServiceError, importEdits, jobTemplate, openEngine } from '../../core'
import { cliProblem } from '../problem-words'
import type { CliIo } from '../io'
import { UsageError, dataDirFrom } from '../run/settings'

/** Registers `import-edits`: an edited XLSX/CSV export updates the job's results, matched by file. */
export function registerImportEdits(program: Command, io: CliIo): void {
  program
    .command('import-edits <job> <sheet>')
    .description('update a job from an export you edited: its XLSX/CSV (matched by file) or a Shopify, WooCommerce or Merchant Center file it wrote (matched by SKU, handle and photo URL)')
    .option('--data-dir <dir>', 'where jobs live')
    .action(async (jobId: string, sheet: string, flags: { dataDir?: string }) => {
      const job = await openEngine(dataDirFrom(flags))
        .open(jobId)
        .catch((error: Error) => {
          throw new UsageError(
            error instanceof JobServiceError ? cliProblem(error.problem) : error.message
          )
        })
      const result = await importEdits(job, sheet, jobTemplate(job.settings).fields).catch(
        (error: Error) => {
          throw new UsageError(`import-edits: ${error.message}`)
        }
      )
      io.out(
        `${result.updated} updated, ${result.unchanged} unchanged, ${result.unmatched.length} not in the job`
      )
      for (const where of result.unmatched.slice(0, 20)) io.out(`  ? ${where}`)
    })
}
