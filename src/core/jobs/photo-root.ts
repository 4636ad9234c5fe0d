import { dirname, isAbsolute, parse, relative, resolve, sep } from 'node:path'
import type { JournalEvent } from './journal-events'

/**
 * The folder a job's photos are addressed from: the deepest folder holding every input. The journal names photos relative to it, so a job folder copied
 * to another machine, with the photos under another root there, still finds them. None when the
 * inputs share no folder at all (two drives).
 */
export function photoRootOf(inputs: readonly string[]): string | undefined {
  // Each input's parent holds it, whether it is a folder or a file.
  const parents = inputs.map((input) => dirname(resolve(input)))
  if (parents.length === 0) return undefined
  let root = parents[0]
  for (const parent of parents.slice(1))
    while (!within(root, parent)) {
      const up = dirname(root)
      if (up === root) return undefined
      root = up
    }
  return root
}

function within(root: string, path: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

/** A photo's path as the journal keeps it: relative to the root, with `/` on every system. */
export function toJournalPath(root: string | undefined, path: string): string {
  if (!root || !within(root, path)) return path
  return relative(root, path).split(sep).join('/')
}

/** A journal path back to a path on this machine (an absolute one, from older jobs, as it is). */
export function fromJournalPath(root: string | undefined, path: string): string {
  if (!root) return path
  // The common case, joined as text: a 100,000-photo journal is read when its job opens.
  if (PLAIN_RELATIVE.test(path))
    return rootPrefix(root) + (sep === '/' ? path : path.replaceAll('/', sep))
  if (isAbsolute(path) || parse(path).root !== '') return path
  return resolve(root, ...path.split('/'))
}

/**
 * Relative, `/`-separated, nothing to normalise: no empty, `.` or `..` segment, no drive,
 * no backslash. Anything else takes `resolve`.
 */
const PLAIN_RELATIVE = /^(?!\.\.?(?:\/|$))[^/\\:]+(?:\/(?!\.\.?(?:\/|$))[^/\\:]+)*$/

let lastRoot = ''
let lastPrefix = ''

/** The root, normalised, with its separator after it (remembered: every photo of a job shares it). */
function rootPrefix(root: string): string {
  if (root !== lastRoot) {
    const normal = resolve(root)
    lastPrefix = normal.endsWith(sep) ? normal : normal + sep
    lastRoot = root
  }
  return lastPrefix
}

/** The event as the journal writes it: photo paths relative to the root. */
export function eventToJournal(event: JournalEvent, root: string | undefined): JournalEvent {
  if (event.e === 'added')
    return { ...event, paths: event.paths.map((path) => toJournalPath(root, path)) }
  if (event.e === 'rejected') return { ...event, path: toJournalPath(root, event.path) }
  return event
}

/** The event as read from the journal, its photo paths on this machine. */
export function eventFromJournal(event: JournalEvent, root: string | undefined): JournalEvent {
  if (!root) return event
  if (event.e === 'added')
    return { ...event, paths: event.paths.map((path) => fromJournalPath(root, path)) }
  if (event.e === 'rejected') return { ...event, path: fromJournalPath(root, event.path) }
  return event
}
