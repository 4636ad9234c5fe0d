import { Command, CommanderError } from 'commander'
import pkg from '../../package.json'
import { registerEdit } from './commands/edit'
import { registerImportEdits } from './commands/import-edits'
import { registerJobs } from './commands/jobs'
import { registerModels } from './commands/models'
import { registerRun } from './commands/run'
import { registerSimulate } from './commands/simulate'
import { registerTemplates } from './commands/templates'
import { ExitCodes } from './exit-codes'
import { printable, redactSecrets } from '@shared/redact'
import { UsageError } from './run/settings'
import type { CliIo } from './io'

export type { CliIo } from './io'

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
  registerModels(program, io)
  registerTemplates(program, io)
  registerImportEdits(program, io)
  registerEdit(program, io, setExit)
  return program
}

/** Runs the CLI with `argv` (without node and script) and resolves to its exit code. */
export async function runCli(argv: string[], raw: CliIo): Promise<number> {
  const io = printableIo(raw)
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

/**
 * Every line the CLI writes passes here: folder and file names, job names and server words are
 * untrusted, so terminal escapes and bidi overrides in them never reach the terminal.
 */
function printableIo(io: CliIo): CliIo {
  return {
    out: (line) => io.out(printable(line)),
    err: (line) => io.err(printable(line)),
    status: (line) => io.status(printable(line)),
    isTTY: io.isTTY
  }
}
