/**
 * Column encodings for rows crossing to the window, where long stretches repeat: a folder's
 * photos are listed together, share a status and have ids that count up.
 */

/** `values` as [value, how many times in a row] pairs, flattened: [0, 3000, 1, 1000]. */
export function toRuns(values: readonly number[]): number[] {
  const runs: number[] = []
  for (const value of values) {
    const last = runs.length - 2
    if (last >= 0 && runs[last] === value) runs[last + 1]++
    else runs.push(value, 1)
  }
  return runs
}

export function fromRuns(runs: readonly number[]): number[] {
  const values: number[] = []
  for (let at = 0; at + 1 < runs.length; at += 2)
    for (let i = 0; i < runs[at + 1]; i++) values.push(runs[at])
  return values
}

/** Ids `${prefix}${n}` for n counting up from `first`, or one id as it is. */
export type IdRun = string | [prefix: string, first: number, count: number]

/** A number at the end of an id, written as `String(n)` writes it (so it comes back the same). */
const TRAILING_NUMBER = /^(.*?)(0|[1-9]\d{0,14})$/

export function toIdRuns(ids: readonly string[]): IdRun[] {
  const runs: IdRun[] = []
  let open: [string, number, number] | null = null
  for (const id of ids) {
    const match = TRAILING_NUMBER.exec(id)
    const prefix = match?.[1]
    const n = match ? Number(match[2]) : NaN
    if (open && open[0] === prefix && open[1] + open[2] === n) {
      open[2]++
      continue
    }
    open = match ? [prefix!, n, 1] : null
    runs.push(open ?? id)
  }
  // A run of one is its id.
  return runs.map((run) => (typeof run !== 'string' && run[2] === 1 ? `${run[0]}${run[1]}` : run))
}

export function fromIdRuns(runs: readonly IdRun[]): string[] {
  const ids: string[] = []
  for (const run of runs) {
    if (typeof run === 'string') ids.push(run)
    else for (let i = 0; i < run[2]; i++) ids.push(`${run[0]}${run[1] + i}`)
  }
  return ids
}
