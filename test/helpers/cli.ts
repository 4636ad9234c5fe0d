import { runCli } from '../../src/cli/program'

/** Runs the CLI in this process and collects what a person would see. */
export async function runInProcess(
  argv: string[]
): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    status: () => {},
    isTTY: false
  })
  return { code, out, err: err.join('\n') }
}
