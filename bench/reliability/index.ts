import {
  FAULT_MATRIX,
  runScenario,
  type FaultScenario
} from '../../test/reliability/fault-scenarios'
import { canMountDisks } from '../../test/reliability/small-disk'

/** Longer than CI can afford: the endpoint away for a whole minute, live and Batch. */
const LONG: FaultScenario[] = [
  {
    id: 'F10',
    fault: 'the endpoint away for 60 s, then back',
    mode: 'live',
    photos: 60,
    sim: { outage: { afterRequests: 15, durationMs: 60_000 } },
    scheduler: { networkGiveUpMs: 10 * 60_000, networkPauseCapMs: 20_000 }
  },
  {
    id: 'B5',
    fault: 'Batch: the endpoint away for 60 s mid-job',
    mode: 'batch',
    photos: 60,
    sim: { outage: { afterRequests: 3, durationMs: 60_000 } },
    polls: { firstMs: 1000, factor: 1.5, maxMs: 10_000 }
  }
]

/** `npm run bench -- reliability [--long]`: the fault matrix as the table in docs/reliability.md. */
export async function benchReliability(
  args: string[],
  print: (line: string) => void
): Promise<unknown> {
  const all = args.includes('--long') ? [...FAULT_MATRIX, ...LONG] : FAULT_MATRIX
  const scenarios = all.filter((s) => !s.disk || canMountDisks)
  if (scenarios.length < all.length)
    print('(The read-only and full-disk scenarios need root to mount a tmpfs: left out.)\n')
  print(
    '| id | fault | mode | photos | injected by the simulator | first run | done | failed (reason) | billed twice / re-sent after a timeout | resumed → done | lost |'
  )
  print('|---|---|---|---:|---|---|---:|---|---:|---|---:|')
  const rows = []
  for (const scenario of scenarios) {
    const o = await runScenario(scenario)
    rows.push(o)
    const failed =
      Object.entries(o.failedFirst)
        .map(([code, n]) => `${n} ${code}`)
        .join(', ') || '0'
    const injected =
      Object.entries(o.injected)
        .map(([what, n]) => `${n} ${what}`)
        .join(', ') || '—'
    const resumed = o.resumed ? `yes → ${o.doneAfterResume}` : `not needed (${o.doneAfterResume})`
    print(
      `| ${scenario.id} | ${scenario.fault} | ${scenario.mode} | ${scenario.photos} | ${injected} | ${o.firstOutcome} | ${o.doneFirst} | ${failed} | ${o.paidTwice} / ${o.possiblyPaidTwice} | ${resumed} | ${o.lost} |`
    )
  }
  return rows
}
