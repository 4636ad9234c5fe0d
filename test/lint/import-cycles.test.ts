import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importCycles, importGraph } from './import-graph'

const ROOT = join(import.meta.dirname, '../..')

describe('imports', () => {
  it('form no cycle anywhere in src (type-only imports count too)', () => {
    const graph = importGraph(ROOT, ['src'])
    // The walk sees the project's imports at all (relative and @shared).
    expect(graph.get('src/main/workspace/runs.ts')?.has('src/shared/errors.ts')).toBe(true)
    expect(graph.get('src/core/jobs/run-job.ts')?.has('src/core/jobs/live-desk.ts')).toBe(true)
    expect(importCycles(graph)).toEqual([])
  })

  it('a cycle is found when there is one', () => {
    const graph = new Map([
      ['a.ts', new Set(['b.ts'])],
      ['b.ts', new Set(['c.ts'])],
      ['c.ts', new Set(['a.ts'])],
      ['d.ts', new Set(['a.ts'])]
    ])
    expect(importCycles(graph)).toEqual([['a.ts', 'b.ts', 'c.ts']])
  })
})
