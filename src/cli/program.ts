import { Command, CommanderError } from 'commander'
import pkg from '../../package.json'
import { registerImportEdits } from './commands/import-edits'
import { registerJobs } from './commands/jobs'
import { registerRun } from './commands/run'
import { registerSimulate } from './commands/simulate'
import { registerTemplates } from './commands/templates'
import { ExitCodes } from './exit-codes'
import { printable, redactSecrets } from '@shared/redact'
import { UsageError } from './run/settings'

/** Where the CLI writes: injectable so tests read what a person would see. */
export interface CliIo {
  out: (line: string) => void
  err: (line: string) => void
  /** Rewrites the live status line (a terminal only); '' clears it. */
  status: (line: string) => void
  isTTY: boolean
}

/** Builds the `photoscribe` program; `setExit` receives a command's own exit code. */
export function buildProgram(io: CliIo, setExit: (code: number) => void): Command {
  const program = new Command()
    .name('photoscribe')
    .description('Turn folders of product photos into SEO copy with OpenAI vision models.')
    .version(pkg.version, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
  registerSimulate(program, io.out)
  registerRun(program, io, setExit)
  registerJobs(program, io)
  registerTemplates(program, io)
  registerImportEdits(program, io)
  return program
}

/** Runs the CLI with `argv` (without node and script) and resolves to its exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  let code: number = ExitCodes.ok
  const program = buildProgram(io, (c) => (code = c))
  try {
    await program.parseAsync(argv, { from: 'user' })
    return code
  } catch (error) {
    if (error instanceof CommanderError)
      return error.exitCode === 0 ? ExitCodes.ok : ExitCodes.usage
    const message = error instanceof Error ? error.message : String(error)
    io.err(`photoscribe: ${printable(redactSecrets(message, [process.env.OPENAI_API_KEY ?? '']))}`)
    return error instanceof UsageError ? ExitCodes.usage : ExitCodes.stopped
  }
}
