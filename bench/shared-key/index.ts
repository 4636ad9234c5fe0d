import { fork, type ChildProcess } from 'node:child_process'
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { startSimulator } from '../../src/simulator/server'
import type { RemainingScale } from '../../src/simulator/options'
import { sampleRequests, type SampleRequest } from '../../src/simulator/workload'
import { lastAnswerSeconds } from '../scheduler/scenarios'
import type { WorkerResult, WorkerTask } from './worker'

const RPM = 600
const BURST_SECONDS = 1
const HUGE_TPM = 100_000_000
const LATENCY = { latencyMs: 300, latencyJitterMs: 200 }
const API_KEY = 'sk-bench-shared'

type Headers = RemainingScale | 'absent'

/** One case: how many processes, whether they share this machine's lease, what the server says. */
interface Case {
  processes: number
  machine: 'one' | 'several'
  headers: Headers
  requests: number
  target: { efficiency: number; max429Share: number }
}

interface Measured {
  case: Case
  floorSeconds: number
  seconds: number
  efficiency: number
  share429: number
  done: number
  paidTwice: number
  cuts: number
  met: boolean
}

function cases(scale: number): Case[] {
  const n = (count: number): number => Math.max(40, Math.round(count * scale))
  const all: Case[] = []
  for (const headers of ['window', 'minute', 'absent'] as const)
    all.push({
      processes: 1,
      machine: 'one',
      headers,
      requests: n(120),
      target: { efficiency: 0.98, max429Share: 0.05 }
    })
  for (const machine of ['one', 'several'] as const)
    for (const headers of ['window', 'minute', 'absent'] as const)
      all.push({
        processes: 2,
        machine,
        headers,
        requests: n(600),
        target: { efficiency: 0.9, max429Share: 0.05 }
      })
  return all
}

/** Starts a worker process (TypeScript through tsx, with the project's path aliases). */
function startWorker(): ChildProcess {
  return fork(join(__dirname, 'worker.ts'), [], {
    execArgv: ['--import', 'tsx'],
    env: { ...process.env, TSX_TSCONFIG_PATH: 'tsconfig.node.json' },
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  })
}

function once<T>(child: ChildProcess, type: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: { type: string } & T): void => {
      if (message.type !== type) return
      child.off('message', onMessage)
      resolve(message)
    }
    child.on('message', onMessage)
    child.once('exit', (code) => code !== 0 && reject(new Error(`worker exited with ${code}`)))
  })
}

/** Runs the case's processes at once on one simulated key; their parts split the requests. */
async function runCase(c: Case, requests: SampleRequest[]): Promise<Measured> {
  const sim = await startSimulator({
    ...LATENCY,
    keys: { [API_KEY]: { rpm: RPM, tpm: HUGE_TPM, burstSeconds: BURST_SECONDS } },
    rateLimitHeaders: c.headers !== 'absent',
    remainingScale: c.headers === 'absent' ? 'minute' : c.headers,
    seed: 42
  })
  const leaseDir = mkdtempSync(join(tmpdir(), 'photoscribe-leases-'))
  const workers = Array.from({ length: c.processes }, startWorker)
  try {
    const parts = workers.map((_, i) => requests.filter((_, j) => j % c.processes === i))
    await Promise.all(
      workers.map((worker, i) => {
        const task: WorkerTask = {
          url: sim.url,
          apiKey: API_KEY,
          rpm: RPM,
          tpm: HUGE_TPM,
          requests: parts[i],
          ...(c.machine === 'one' ? { leaseDir } : {})
        }
        worker.send({ type: 'prepare', task })
        return once(worker, 'ready')
      })
    )
    const results = workers.map((w) => once<{ result: WorkerResult }>(w, 'result'))
    for (const worker of workers) worker.send({ type: 'go' })
    const done = (await Promise.all(results)).map((r) => r.result)
    return measure(c, sim.log.entries, sim.log.answersByImage(), done)
  } finally {
    for (const worker of workers) worker.kill()
    await sim.close()
    rmSync(leaseDir, { recursive: true, force: true })
  }
}

function measure(
  c: Case,
  entries: readonly { path: string; outcome?: string }[],
  answers: Map<string, number>,
  results: WorkerResult[]
): Measured {
  const chats = entries.filter((e) => e.path.endsWith('/chat/completions'))
  const seconds = Math.max(...results.map((r) => r.seconds))
  const done = results.reduce((sum, r) => sum + r.done, 0)
  const rate = RPM / 60
  const burst = rate * BURST_SECONDS
  const sending = Math.max(0, done - burst) / rate
  const floorSeconds = lastAnswerSeconds(
    done,
    sending,
    LATENCY.latencyMs / 1000,
    LATENCY.latencyJitterMs / 1000
  )
  const share429 =
    chats.filter((e) => e.outcome === 'rate_limited').length / Math.max(1, chats.length)
  const efficiency = floorSeconds / seconds
  const paidTwice = [...answers.values()].filter((n) => n > 1).length
  return {
    case: c,
    floorSeconds,
    seconds,
    efficiency,
    share429,
    done,
    paidTwice,
    cuts: results.reduce((sum, r) => sum + r.cuts, 0),
    met:
      efficiency >= c.target.efficiency &&
      share429 <= c.target.max429Share &&
      done === c.requests &&
      paidTwice === 0
  }
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`
const HEADER = [
  '| processes | lease | `remaining` | requests | floor s | actual s | efficiency | 429 share | rate cuts | paid twice | target |',
  '|---:|---|---|---:|---:|---:|---:|---:|---:|---:|---|'
]

function row(m: Measured): string {
  const c = m.case
  const lease =
    c.processes === 1 ? '—' : c.machine === 'one' ? 'one machine' : 'none (two machines)'
  const target = `≥ ${c.target.efficiency}, 429 ≤ ${pct(c.target.max429Share)} ${m.met ? 'met' : 'MISSED'}`
  return `| ${c.processes} | ${lease} | ${c.headers} | ${c.requests} | ${m.floorSeconds.toFixed(1)} | ${m.seconds.toFixed(1)} | ${m.efficiency.toFixed(3)} | ${pct(m.share429)} | ${m.cuts} | ${m.paidTwice} | ${target} |`
}

/**
 * `npm run bench -- shared-key [--scale 0.2] [--only 1,2]`: one process alone, then two processes
 * on one key (sharing this machine's lease, or not: as on two machines), under the three ways a
 * server reports `remaining` (against its short window, scaled to the minute, not at all).
 */
export async function benchSharedKey(
  args: string[],
  print: (line: string) => void
): Promise<Measured[]> {
  const scale = args.includes('--scale') ? Number(args[args.indexOf('--scale') + 1]) : 1
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : null
  const chosen = cases(scale).filter((_, i) => !only || only.includes(String(i + 1)))
  print(
    `Server: ${RPM} RPM on one key, enforced over a ${BURST_SECONDS} s window; answers in 300 ± 200 ms. Each process is told the full ${RPM} RPM.\n`
  )
  print(HEADER.join('\n'))
  const measured: Measured[] = []
  for (const c of chosen) {
    const requests = await sampleRequests(c.requests, { maxTokens: 60 })
    const m = await runCase(c, requests)
    measured.push(m)
    print(row(m))
  }
  mkdirSync('bench-results', { recursive: true })
  writeFileSync('bench-results/shared-key.json', JSON.stringify(measured, null, 2))
  print('\nDetails: bench-results/shared-key.json')
  if (measured.some((m) => !m.met)) process.exitCode = 1
  return measured
}
