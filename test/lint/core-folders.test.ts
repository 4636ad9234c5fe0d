import { readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const CORE = join(import.meta.dirname, '../../src/core')

/** Which core folder imports which: `jobs → templates` when a file in jobs/ imports templates/. */
function folderGraph(): Map<string, Set<string>> {
  const graph = new Map<string, Set<string>>()
  for (const entry of readdirSync(CORE, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile() || !entry.name.endsWith('.ts')) continue
    const file = join(entry.parentPath, entry.name)
    const from = relative(CORE, file).split('/')[0]
    if (!entry.parentPath.startsWith(join(CORE, from))) continue
    for (const [, spec] of readFileSync(file, 'utf8').matchAll(/from '(\.\.?\/[^']+)'/g)) {
      const to = relative(CORE, resolve(dirname(file), spec)).split('/')[0]
      if (to === from || to.startsWith('..') || to.endsWith('.ts') || !to) continue
      graph.set(from, (graph.get(from) ?? new Set()).add(to))
    }
  }
  return graph
}

function cycles(graph: Map<string, Set<string>>): string[] {
  const found: string[] = []
  const walk = (node: string, path: string[]): void => {
    for (const next of graph.get(node) ?? []) {
      if (path.includes(next)) found.push([...path.slice(path.indexOf(next)), next].join(' → '))
      else walk(next, [...path, next])
    }
  }
  for (const node of graph.keys()) walk(node, [node])
  return found
}

describe('core folders', () => {
  it('import each other without cycles', () => {
    const graph = folderGraph()
    expect(graph.get('jobs')?.has('templates')).toBe(true) // the walk sees imports at all
    expect(cycles(graph)).toEqual([])
  })
})
