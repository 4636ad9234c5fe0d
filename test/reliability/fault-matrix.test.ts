import { writeFileSync, mkdirSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { FAULT_MATRIX, runScenario, type FaultOutcome } from './fault-scenarios'
import { canMountDisks } from './small-disk'

if (!canMountDisks)
  console.log('Skipping the read-only and full-disk scenarios: they need root to mount a tmpfs.')

const outcomes: FaultOutcome[] = []

afterAll(() => {
  // The rows docs/reliability.md shows (npm run bench -- reliability prints them as a table).
  const dir = join(import.meta.dirname, '../../test-results')
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'fault-matrix.json'), JSON.stringify(outcomes, null, 2))
})

describe('the fault matrix, live and Batch, against the simulator', () => {
  for (const scenario of FAULT_MATRIX)
    it.skipIf(scenario.disk && !canMountDisks)(
      `${scenario.id} ${scenario.fault}: no photo lost, none paid twice unnoticed, every failure says why, resumable`,
      async () => {
        const outcome = await runScenario(scenario)
        outcomes.push(outcome)
        expect(outcome.lost).toBe(0)
        expect(outcome.reasonsMissing).toBe(0)
        expect(outcome.doneAfterResume).toBe(scenario.photos)
        // An image billed twice is one the engine re-sent after a timeout, and said so.
        expect(outcome.paidTwice).toBeLessThanOrEqual(outcome.possiblyPaidTwice)
      },
      // Batch scenarios wait on polls and retry backoffs in real time: P2 takes 9–26 s alone on
      // this 2-core machine and once passed 60 s in CI beside the other long suites.
      scenario.mode === 'batch' ? 120_000 : 60_000
    )
})
