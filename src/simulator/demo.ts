import { startSimulator, type Simulator } from './server'

export { DEMO_KEY, DEMO_LIMITS, samplesDir } from './demo-setup'

/**
 * The demo's OpenAI: the built-in simulator with a small one-second-quantised limit and real-ish
 * latency, while Settings claim twice as much, so a rate-limit pause shows in the first seconds.
 */
export function startDemoSimulator(): Promise<Simulator> {
  return startSimulator({
    defaultKey: { rpm: 60, tpm: 200_000, burstSeconds: 1 },
    latencyMs: 900,
    latencyJitterMs: 400,
    imageCharge: 800,
    seed: 7
  })
}
