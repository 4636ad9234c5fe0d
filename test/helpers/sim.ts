import { afterEach } from 'vitest'
import { startSimulator, type Simulator } from '../../src/simulator/server'
import type { SimulatorOverrides } from '../../src/simulator/options'

/**
 * One simulator per test, closed after it. Call in a file's top level; `start()` begins one
 * (closing the test's earlier one), `current()` is the running one.
 */
export function simulatorPerTest(): {
  start: (options?: SimulatorOverrides) => Promise<Simulator>
  current: () => Simulator
} {
  let sim: Simulator | undefined
  afterEach(async () => {
    await sim?.close()
    sim = undefined
  })
  return {
    start: async (options = {}) => {
      await sim?.close()
      sim = await startSimulator(options)
      return sim
    },
    current: () => {
      if (!sim) throw new Error('No simulator started in this test')
      return sim
    }
  }
}

/** The chat requests a simulator received (photos sent), without `/v1/models` and the like. */
export function chatRequests<T extends { path: string }>(sim: { log: { entries: T[] } }): T[] {
  return sim.log.entries.filter((entry) => entry.path.endsWith('/chat/completions'))
}
