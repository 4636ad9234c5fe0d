import { mkdirSync, writeFileSync } from 'node:fs'
import { startSimulator, type Simulator } from '../../src/simulator/server'
import { sampleRequests, type SampleRequest } from '../../src/simulator/workload'
import { inProcesses, runNaive, runOurs, type RunResult } from './runners'
import { floorSeconds, scenarios, type Scenario } from './scenarios'

/** One measured run of one scenario. */
export interface Measurement {
  scenario: string
  runner: 'ours' | 'naive'
  floorSeconds: number
  seconds: number
  efficiency: number
  requestsSent: number
  share429: number
  done: number
  failed: number
  /** Items with no answer at the end (failed, gave up, or never finished). */
  notDone: number
  paidTwice: number
  finished: boolean
}

function measure(
  scenario: Scenario,
  runner: Measurement['runner'],
  sim: Simulator,
  result: RunResult,
  totalCharge: number
): Measurement {
  const chats = sim.log.entries.filter((e) => e.path.endsWith('/chat/completions'))
  const floor = floorSeconds(scenario, scenario.requests, totalCharge)
  // Efficiency of what was answered: a run that drops items is measured on the items it answered.
  const answered = floorSeconds(
    scenario,
    result.done,
    (totalCharge * result.done) / scenario.requests
  )
  return {
    scenario: scenario.id,
    runner,
    floorSeconds: floor,
    seconds: result.seconds,
    efficiency: answered / result.seconds,
    requestsSent: chats.length,
    share429: chats.filter((e) => e.outcome === 'rate_limited').length / Math.max(1, chats.length),
    done: result.done,
    failed: result.failed,
    notDone: scenario.requests - result.done,
    paidTwice: [...sim.log.answersByImage().values()].filter((n) => n > 1).length,
    finished: result.finished
  }
}

async function runScenario(
  scenario: Scenario,
  requests: SampleRequest[],
  print: (line: string) => void
): Promise<Measurement[]> {
  const totalCharge = requests.reduce((sum, r) => sum + r.chargeTokens, 0)
  const fresh = (): Promise<Simulator> =>
    startSimulator({
      ...scenario.sim,
      keys: scenario.serverKeys,
      imageCharge: scenario.imageCharge,
      seed: 42
    })
  const oursSim = await fresh()
  const ours = measure(
    scenario,
    'ours',
    oursSim,
    await inProcesses(scenario, requests, (part) => runOurs(oursSim.url, scenario, part)),
    totalCharge
  )
  await oursSim.close()
  print(row(scenario, ours))
  const naiveSim = await fresh()
  const deadline = Math.max(60, ours.seconds * 1.5)
  const naive = measure(
    scenario,
    'naive',
    naiveSim,
    await inProcesses(scenario, requests, (part) =>
      runNaive(naiveSim.url, scenario, part, deadline)
    ),
    totalCharge
  )
  await naiveSim.close()
  print(row(scenario, naive))
  return [ours, naive]
}

const pct = (x: number): string => `${(x * 100).toFixed(1)} %`

export const HEADER = [
  '| scenario | runner | requests | floor s | actual s | efficiency | 429 share | not done | paid twice | target |',
  '|---|---|---:|---:|---:|---:|---:|---:|---:|---|'
]

function row(s: Scenario, m: Measurement): string {
  const met =
    m.runner === 'ours'
      ? m.efficiency >= s.target.efficiency &&
        m.share429 <= s.target.max429Share &&
        m.notDone === 0 &&
        m.paidTwice === 0
        ? 'met'
        : 'MISSED'
      : ''
  const actual = m.finished
    ? m.seconds.toFixed(1)
    : `${m.seconds.toFixed(1)} (stopped, ${m.done} done)`
  const target = `≥ ${s.target.efficiency}, 429 ≤ ${pct(s.target.max429Share)} ${met}`
  return `| ${s.id}. ${s.title} | ${m.runner} | ${s.requests} | ${m.floorSeconds.toFixed(1)} | ${actual} | ${m.efficiency.toFixed(3)} | ${pct(m.share429)} | ${m.notDone} | ${m.paidTwice} | ${m.runner === 'ours' ? target : ''} |`
}

/** `npm run bench -- scheduler [--only a,b] [--scale 0.2]`: every scenario, ours then naive. */
export async function benchScheduler(
  args: string[],
  print: (line: string) => void
): Promise<Measurement[]> {
  const only = args.includes('--only') ? args[args.indexOf('--only') + 1].split(',') : null
  const scale = args.includes('--scale') ? Number(args[args.indexOf('--scale') + 1]) : 1
  const chosen = scenarios(scale).filter((s) => !only || only.includes(s.id))
  print(HEADER.join('\n'))
  const results: Measurement[] = []
  for (const scenario of chosen) {
    const requests = await sampleRequests(scenario.requests, {
      imageCharge: scenario.imageCharge,
      maxTokens: scenario.maxTokens
    })
    results.push(...(await runScenario(scenario, requests, print)))
  }
  mkdirSync('bench-results', { recursive: true })
  writeFileSync('bench-results/scheduler.json', JSON.stringify(results, null, 2))
  print('\nDetails: bench-results/scheduler.json')
  return results
}
