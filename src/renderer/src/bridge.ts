import type { PhotoscribeApi } from '@shared/ipc/routes'

/** The renderer's only way to main: `window.api`, or null when the page runs without it. */
export function getBridge(): PhotoscribeApi | null {
  return typeof window !== 'undefined' && window.api ? window.api : null
}

/** The code and message of an error that crossed the bridge (`[code] message`). */
export function readBridgeError(error: unknown): { code: string; message: string } {
  const text = error instanceof Error ? error.message : String(error)
  const cleaned = text.replace(/^Error invoking remote method '[^']+': (Error: )?/, '')
  const match = /^\[(\w+)\] ([\s\S]*)$/.exec(cleaned)
  return match ? { code: match[1], message: match[2] } : { code: 'internal', message: cleaned }
}
