import type { KeyOptions, SimulatorOverrides } from '../../src/simulator/options'

/** One benchmark scenario: the server's truth, what Settings claim, and the targets. */
export interface Scenario {
  id: string
  title: string
  requests: number
  /** The simulator's real limits per API key. */
  serverKeys: Record<string, KeyOptions>
  /** What the user configured for each key (Settings); the scheduler starts from these. */
  configured: Record<string, { rpm: number; tpm: number }>
  imageCharge: 'formula' | number
  maxTokens: number
  sim: SimulatorOverrides
  meanLatencyMs: number
  target: { efficiency: number; max429Share: number }
  /** Separate processes on the same keys (the CLI beside the window), each with half the work, none knowing of the other. */
  processes?: number
}

const HUGE_TPM = 100_000_000
const second = (rpm: number, tpm = HUGE_TPM, quotaAfter?: number): KeyOptions => ({
  rpm,
  tpm,
  burstSeconds: 1,
  quotaAfter
})

const RPM_TARGET = { efficiency: 0.95, max429Share: 0.01 }
const LATENCY_300 = { latencyMs: 300, latencyJitterMs: 200 }

/** A scenario with the common defaults: formula image charge, 60-token answers, 300±200 ms latency. */
function scenario(
  id: string,
  title: string,
  requests: number,
  serverKeys: Scenario['serverKeys'],
  configured: Scenario['configured'],
  extra: Partial<Scenario> = {}
): Scenario {
  return {
    id,
    title,
    requests,
    serverKeys,
    configured,
    imageCharge: 'formula',
    maxTokens: 60,
    sim: LATENCY_300,
    meanLatencyMs: 300,
    target: RPM_TARGET,
    ...extra
  }
}

const huge = (rpm: number): { rpm: number; tpm: number } => ({ rpm, tpm: HUGE_TPM })

/** The six scenarios of issue 3; `scale` shrinks request counts for a quick run. */
export function scenarios(scale = 1): Scenario[] {
  const n = (count: number): number => Math.max(20, Math.round(count * scale))
  const faults = { fail500: 0.02, fail502: 0.015, fail503: 0.015, reset: 0.01, hang: 0.005 }
  return [
    scenario('a', 'RPM-bound', n(300), { 'sk-bench-a': second(600) }, { 'sk-bench-a': huge(600) }),
    scenario(
      'b',
      'TPM-bound',
      n(300),
      { 'sk-bench-b': second(10_000, 60_000) },
      { 'sk-bench-b': { rpm: 10_000, tpm: 60_000 } },
      { imageCharge: 800 }
    ),
    scenario(
      'c',
      'latency-bound',
      n(3000),
      { 'sk-bench-c': second(3000) },
      { 'sk-bench-c': huge(3000) },
      { sim: { latencyMs: 4000, latencyJitterMs: 2000 }, meanLatencyMs: 4000 }
    ),
    scenario(
      'd',
      'wrong tier (4×)',
      n(300),
      { 'sk-bench-d': second(600, 200_000) },
      { 'sk-bench-d': { rpm: 2400, tpm: 800_000 } },
      { target: { efficiency: 0.85, max429Share: 0.05 } }
    ),
    scenario(
      'e',
      'two keys',
      n(300),
      { 'sk-bench-e1': second(600), 'sk-bench-e2': second(300) },
      { 'sk-bench-e1': huge(600), 'sk-bench-e2': huge(300) }
    ),
    scenario(
      'f',
      'faults',
      n(300),
      { 'sk-bench-f': second(600) },
      { 'sk-bench-f': huge(600) },
      { sim: { ...LATENCY_300, faults }, target: { efficiency: 0.85, max429Share: 0.01 } }
    ),
    scenario(
      'h',
      'short, latency-bound',
      n(300),
      { 'sk-bench-h': second(3000) },
      { 'sk-bench-h': huge(3000) },
      { sim: { latencyMs: 2000, latencyJitterMs: 2000 }, meanLatencyMs: 2000 }
    ),
    scenario(
      'g',
      'two processes, one key',
      n(600),
      { 'sk-bench-g': second(600) },
      { 'sk-bench-g': huge(600) },
      { processes: 2, target: { efficiency: 0.85, max429Share: 0.05 } }
    )
  ]
}

/**
 * The theoretical floor: every request beyond what the servers' buckets hold at the start sent
 * at the later of the request and token limits, then the last answer. Answers take the
 * simulator's latency (mean ± jitter, uniform), so the job ends with the slowest of the last
 * requests' answers, not with a mean one: `lastAnswerSeconds` gives that expected maximum.
 */
export function floorSeconds(scenario: Scenario, requests: number, totalCharge: number): number {
  const keys = Object.values(scenario.serverKeys)
  const perSecond = (pick: (k: KeyOptions) => number): number =>
    keys.reduce((sum, k) => sum + pick(k) / 60, 0)
  const burst = (pick: (k: KeyOptions) => number): number =>
    keys.reduce((sum, k) => sum + (pick(k) * k.burstSeconds) / 60, 0)
  const byRequests = Math.max(0, requests - burst((k) => k.rpm)) / perSecond((k) => k.rpm)
  const byTokens = Math.max(0, totalCharge - burst((k) => k.tpm)) / perSecond((k) => k.tpm)
  const sending = Math.max(byRequests, byTokens)
  const jitter = (scenario.sim.latencyJitterMs ?? 0) / 1000
  return lastAnswerSeconds(requests, sending, scenario.meanLatencyMs / 1000, jitter)
}

/**
 * When the last of `requests` answers, on average, if they leave evenly over `sendingSeconds`
 * and each answer takes `mean ± jitter` seconds (uniform): the expected maximum of send time
 * plus latency, over 400 seeded draws.
 */
export function lastAnswerSeconds(
  requests: number,
  sendingSeconds: number,
  mean: number,
  jitter: number
): number {
  if (jitter === 0 || requests === 0) return sendingSeconds + mean
  let seed = 12345
  const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31
  const draws = 400
  let sum = 0
  for (let draw = 0; draw < draws; draw++) {
    let last = 0
    for (let i = 0; i < requests; i++) {
      const sentAt = requests === 1 ? 0 : (sendingSeconds * i) / (requests - 1)
      const latency = Math.max(0, mean + (random() * 2 - 1) * jitter)
      last = Math.max(last, sentAt + latency)
    }
    sum += last
  }
  return sum / draws
}
