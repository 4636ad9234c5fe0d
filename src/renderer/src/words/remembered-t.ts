import type { TFunction } from 'i18next'

/** More than this many texts and the memory starts again (a row's name makes each label its own). */
const MOST = 4000

/**
 * `t` that remembers what it said: a scrolled queue asks the same few hundred texts every frame,
 * and i18next builds each one anew (its lookup allocates more than the row it labels). Calls
 * whose options are not plain numbers, strings or booleans go to `t` as they are.
 */
export function rememberedT(t: TFunction): TFunction {
  const said = new Map<string, string>()
  const say = t as unknown as (key: unknown, options?: Record<string, unknown>) => string
  const remembered = (key: unknown, options?: Record<string, unknown>): string => {
    const id = typeof key === 'string' ? memoryKey(key, options) : null
    if (id === null) return say(key, options)
    let text = said.get(id)
    if (text === undefined) {
      text = say(key, options)
      if (said.size >= MOST) said.clear()
      said.set(id, text)
    }
    return text
  }
  return remembered as unknown as TFunction
}

/** The key and its options as one string, or null when an option is not a plain value. */
function memoryKey(key: string, options: Record<string, unknown> | undefined): string | null {
  if (!options) return key
  let id = key
  for (const name in options) {
    const value = options[name]
    const kind = typeof value
    if (kind !== 'string' && kind !== 'number' && kind !== 'boolean') return null
    id += `\u0000${name}\u0001${String(value)}`
  }
  return id
}
