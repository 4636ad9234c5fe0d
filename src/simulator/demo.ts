import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { startSimulator, type Simulator } from './server'

/** The sample photos shipped for the demo (resources/samples, see SOURCES.md there). */
export function samplesDir(): string {
  const candidates = [
    join(process.cwd(), 'resources', 'samples'),
    join(import.meta.dirname, '..', 'resources', 'samples'),
    join(import.meta.dirname, '..', '..', 'resources', 'samples'),
    join(import.meta.dirname, '..', '..', '..', 'resources', 'samples')
  ]
  const found = candidates.find((dir) => existsSync(dir))
  if (!found)
    throw new Error('The demo photos (resources/samples) are missing from this installation.')
  return found
}

export const DEMO_KEY = 'sk-demo-0000'

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

/** The limits the demo tells the scheduler (twice the simulator's, as a wrong tier would). */
export const DEMO_LIMITS = { rpm: 120, tpm: 400_000 }
