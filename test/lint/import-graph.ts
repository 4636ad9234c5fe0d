import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'

/** The project's own TypeScript modules and what each imports (type-only imports included). */
export function importGraph(root: string, dirs: readonly string[]): Map<string, Set<string>> {
  const aliases: Record<string, string> = {
    '@shared/': join(root, 'src/shared/'),
    '@renderer/': join(root, 'src/renderer/src/')
  }
  const graph = new Map<string, Set<string>>()
  for (const dir of dirs)
    for (const entry of readdirSync(join(root, dir), { recursive: true, withFileTypes: true })) {
      if (!entry.isFile() || !/\.tsx?$/.test(entry.name)) continue
      const file = join(entry.parentPath, entry.name)
      const text = readFileSync(file, 'utf8')
      const targets = new Set<string>()
      for (const [, spec] of text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)) {
        const alias = Object.keys(aliases).find((prefix) => spec.startsWith(prefix))
        const base = alias
          ? join(aliases[alias], spec.slice(alias.length))
          : spec.startsWith('.')
            ? resolve(dirname(file), spec)
            : null
        const target = base && moduleFile(base)
        if (target) targets.add(relative(root, target))
      }
      graph.set(relative(root, file), targets)
    }
  return graph
}

function moduleFile(base: string): string | null {
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')])
    if (existsSync(candidate) && /\.tsx?$/.test(candidate)) return candidate
  return null
}

/** Strongly connected groups of more than one module (Tarjan): each is an import cycle. */
export function importCycles(graph: Map<string, Set<string>>): string[][] {
  let next = 0
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const found: string[][] = []
  const visit = (node: string): void => {
    index.set(node, next)
    low.set(node, next++)
    stack.push(node)
    onStack.add(node)
    for (const to of graph.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to)
        low.set(node, Math.min(low.get(node)!, low.get(to)!))
      } else if (onStack.has(to)) low.set(node, Math.min(low.get(node)!, index.get(to)!))
    }
    if (low.get(node) !== index.get(node)) return
    const group: string[] = []
    let member: string
    do {
      member = stack.pop()!
      onStack.delete(member)
      group.push(member)
    } while (member !== node)
    if (group.length > 1) found.push(group.sort())
  }
  for (const node of graph.keys()) if (!index.has(node)) visit(node)
  return found
}
