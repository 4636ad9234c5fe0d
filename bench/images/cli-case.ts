import { createHash } from 'node:crypto'
import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { startSimulator } from '../../src/simulator/server'
import { cliCommand, spawnChild } from '../cli-process'

/** What the issue's own case measures: 20 photos through the CLI at 60 images a minute. */
export interface CliCase {
  exit: number | null
  files: number
  originalsUnchanged: boolean
  edits: number
  refused: number
  billedTwice: number
  /** The IPM floor of the admissions (19 intervals) over their span, first to last. */
  ratio: number
  secondRunSent: number
  gpt1Refused: boolean
}

/**
 * `photoscribe edit <20 photos> --recipe white-background --out-dir out --model gpt-image-2
 * --quality low --ipm 60` against a simulator holding the key to 60 images a minute (one-second
 * window), as a child process: then a second run, and `--model gpt-image-1`.
 */
export async function cliCase(photos: string, root: string): Promise<CliCase> {
  const sim = await startSimulator({
    defaultKey: { ipm: 60, burstSeconds: 1 },
    latencyMs: 400,
    latencyJitterMs: 200
  })
  try {
    const before = await hashes(photos)
    const out = join(root, 'out-cli')
    const edit = (model: string) =>
      runCli(sim.url, [
        'edit',
        photos,
        '--recipe',
        'white-background',
        '--out-dir',
        out,
        '--model',
        model,
        '--quality',
        'low',
        '--ipm',
        '60',
        '--data-dir',
        join(root, 'data-cli')
      ])
    const exit = await edit('gpt-image-2')
    const edits = sim.log.entries.filter((e) => e.path === '/v1/images/edits')
    const ok = edits.filter((e) => e.status === 200)
    const times = ok.map((e) => e.admittedTime!).sort((a, b) => a - b)
    const billed = ok.map((e) => e.images?.[0]?.sha256)
    const sent = sim.log.entries.length
    await edit('gpt-image-2')
    const secondRunSent = sim.log.entries.length - sent
    const gpt1 = await edit('gpt-image-1')
    return {
      exit,
      files: (await readdir(out)).length,
      originalsUnchanged: (await hashes(photos)) === before,
      edits: edits.length,
      refused: edits.filter((e) => e.status === 429).length,
      billedTwice: billed.length - new Set(billed).size,
      ratio: (((times.length - 1) / 60) * 60_000) / (times.at(-1)! - times[0]),
      secondRunSent,
      gpt1Refused: gpt1 === 2 && sim.log.entries.length === sent + secondRunSent
    }
  } finally {
    await sim.close()
  }
}

function runCli(url: string, args: string[]): Promise<number | null> {
  const cli = cliCommand()
  const env = { ...process.env, ...cli.env, OPENAI_BASE_URL: url, OPENAI_API_KEY: 'sk-bench-cli' }
  const { child, exited } = spawnChild([...cli.args, ...args], env)
  child.stdout.resume()
  return exited
}

async function hashes(dir: string): Promise<string> {
  const hash = createHash('sha256')
  for (const name of (await readdir(dir)).sort()) hash.update(await readFile(join(dir, name)))
  return hash.digest('hex')
}
