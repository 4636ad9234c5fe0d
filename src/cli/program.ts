import { Command, CommanderError } from 'commander'
import pkg from '../../package.json'
import { registerSimulate } from './commands/simulate'

/** Where the CLI writes: injectable so tests read what a person would see. */
export interface CliIo {
  out: (line: string) => void
  err: (line: string) => void
}

/** Exit codes shared by every command. */
export const ExitCodes = { ok: 0, someFailed: 1, usage: 2, stopped: 3, interrupted: 130 } as const

/** Builds the `photoscribe` program. */
export function buildProgram(io: CliIo): Command {
  const program = new Command()
    .name('photoscribe')
    .description('Turn folders of product photos into SEO copy with OpenAI vision models.')
    .version(pkg.version, '-v, --version')
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.out(s.trimEnd()), writeErr: (s) => io.err(s.trimEnd()) })
  registerSimulate(program, io.out)
  return program
}

/** Runs the CLI with `argv` (without node and script) and resolves to its exit code. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const program = buildProgram(io)
  try {
    await program.parseAsync(argv, { from: 'user' })
    return ExitCodes.ok
  } catch (error) {
    if (error instanceof CommanderError)
      return error.exitCode === 0 ? ExitCodes.ok : ExitCodes.usage
    io.err(`photoscribe: ${error instanceof Error ? error.message : String(error)}`)
    return ExitCodes.stopped
  }
}
