import { spawn, type ChildProcess } from 'node:child_process'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { afterEach, beforeEach } from 'vitest'
import { startSimulator, type Simulator } from '../../src/simulator/server'
import type { SimulatorOverrides } from '../../src/simulator/options'
import { runCli } from '../../src/cli/program'

/**
 * Runs the CLI in this process and collects what a person would see. `onOut` hears each line of
 * standard output as it is printed (to act when the CLI reaches a point, not on a timer).
 */
export async function runInProcess(
  argv: string[],
  onOut?: (line: string) => void
): Promise<{ code: number; out: string[]; err: string }> {
  const out: string[] = []
  const err: string[] = []
  const code = await runCli(argv, {
    out: (l) => {
      out.push(l)
      onOut?.(l)
    },
    err: (l) => err.push(l),
    status: () => {},
    isTTY: false
  })
  return { code, out, err: err.join('\n') }
}

/** The limits CLI tests run under: fast enough that pacing never slows a test. */
export const FAST_LIMITS = ['--rpm', '6000', '--tpm', '1000000']

/** `photoscribe run <photos> --out <out> --data-dir <dataDir>` at FAST_LIMITS, plus `extra`. */
export function runArgs(
  photos: string,
  out: string,
  dataDir: string,
  ...extra: string[]
): string[] {
  return ['run', photos, '--out', out, '--data-dir', dataDir, ...FAST_LIMITS, ...extra]
}

/**
 * A simulator the CLI reaches through OPENAI_API_KEY / OPENAI_BASE_URL, with the environment
 * restored after each test. Call in a describe body; `use()` starts one for the current test.
 */
export function cliSimulator(): {
  use: (options?: SimulatorOverrides, key?: string) => Promise<Simulator>
  current: () => Simulator
} {
  let sim: Simulator | undefined
  const saved = { ...process.env }
  beforeEach(() => {
    delete process.env.OPENAI_API_KEY
    delete process.env.OPENAI_BASE_URL
  })
  afterEach(async () => {
    process.env = { ...saved }
    await sim?.close()
    sim = undefined
  })
  return {
    use: async (options = {}, key = 'sk-cli-0001') => {
      sim = await startSimulator({ latencyMs: 5, ...options })
      process.env.OPENAI_API_KEY = key
      process.env.OPENAI_BASE_URL = sim.url
      return sim
    },
    current: () => sim!
  }
}

/**
 * `photoscribe run … --json` as a child process (the TypeScript source through tsx), for tests
 * that kill it. `onStart` gets the child; `onJob` hears the job id once it is printed.
 */
export function spawnRun(
  args: string[],
  env: NodeJS.ProcessEnv,
  hooks: { onStart?: (child: ChildProcess) => void; onJob?: (jobId: string) => void } = {}
): Promise<{ jobId: string; exitCode: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/index.ts', 'run', ...args, '--json'],
      {
        cwd: join(import.meta.dirname, '../..'),
        env: { ...env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' }
      }
    )
    hooks.onStart?.(child)
    let jobId = ''
    let stderr = ''
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
    createInterface({ input: child.stdout }).on('line', (line) => {
      const event = JSON.parse(line) as { event: string; jobId?: string }
      if (event.event !== 'job') return
      jobId = event.jobId!
      hooks.onJob?.(jobId)
    })
    child.on('error', reject)
    child.on('exit', (code) => resolve({ jobId, exitCode: code, stderr }))
  })
}
