import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** One measured figure against the target. */
export interface Target {
  name: string
  value: number
  unit: string
  limit: number
  /** `max`: the value must stay under the limit; `min`: reach it. */
  kind: 'max' | 'min'
}

/** "No frame over 50 ms": at most the limit for maxima; at least it for minima. */
export function met(t: Target): boolean {
  return t.kind === 'max' ? t.value <= t.limit : t.value >= t.limit
}

/**
 * The table of figures and targets; the figures also go to bench-results/<bench>.json. A missed
 * target makes the bench exit non-zero.
 */
export function reportTargets(
  bench: string,
  targets: Target[],
  print: (line: string) => void
): void {
  print('')
  print('| measure | value | target | |')
  print('|---|---|---|---|')
  for (const t of targets) {
    const digits = t.unit === 'ms' || t.unit === 'MB' ? 0 : 1
    print(
      `| ${t.name} | ${t.value.toFixed(digits)} ${t.unit} | ${t.kind === 'max' ? '≤' : '≥'} ${t.limit} ${t.unit} | ${met(t) ? 'ok' : 'MISSED'} |`
    )
  }
  mkdirSync('bench-results', { recursive: true })
  writeFileSync(join('bench-results', `${bench}.json`), JSON.stringify(targets, null, 2))
  if (targets.some((t) => !met(t))) process.exitCode = 1
}
