import type { PhotoscribeApi } from '@shared/ipc/routes'

/** The renderer's only way to main: `window.api`, or null when the page runs without it. */
export function getBridge(): PhotoscribeApi | null {
  return typeof window !== 'undefined' && window.api ? window.api : null
}

/** The code, field and message of an error that crossed the bridge (`[code:field] message`). */
export function readBridgeError(error: unknown): { code: string; message: string; field?: string } {
  const text = error instanceof Error ? error.message : String(error)
  const cleaned = text.replace(/^Error invoking remote method '[^']+': (Error: )?/, '')
  const match = /^\[(\w+)(?::([\w.]+))?\] ([\s\S]*)$/.exec(cleaned)
  if (!match) return { code: 'internal', message: cleaned }
  return { code: match[1], message: match[3], ...(match[2] ? { field: match[2] } : {}) }
}
