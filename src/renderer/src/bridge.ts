import type { BridgeApi, PhotoscribeApi } from '@shared/ipc/routes'
import type { IpcError, IpcResult } from '@shared/ipc/result'
import type { Problem } from '@shared/problem'

/** A request main refused or failed: its kind and the problem as data, worded by the window. */
export class BridgeError extends Error {
  readonly code: string
  readonly problem: Problem

  constructor(error: IpcError) {
    super(error.message)
    this.name = 'BridgeError'
    this.code = error.code
    this.problem = error.problem
  }
}

let unwrapped: { raw: BridgeApi; api: PhotoscribeApi } | null = null

/** The renderer's only way to main: `window.api` unwrapped, or null when the page runs without it. */
export function getBridge(): PhotoscribeApi | null {
  const raw = typeof window !== 'undefined' ? window.api : undefined
  if (!raw) return null
  if (unwrapped?.raw !== raw) unwrapped = { raw, api: unwrapBridge(raw) }
  return unwrapped.api
}

/** Each method of `raw` resolving to its data, or throwing a BridgeError with the problem. */
export function unwrapBridge(raw: BridgeApi): PhotoscribeApi {
  const api: Record<string, unknown> = {}
  for (const [domain, methods] of Object.entries(raw)) {
    if (typeof methods !== 'object' || methods === null) continue
    api[domain] = Object.fromEntries(
      Object.entries(
        methods as Record<string, (input?: unknown) => Promise<IpcResult<unknown>>>
      ).map(([name, method]) => [name, async (input?: unknown) => unwrap(await method(input))])
    )
  }
  api.addDropped = async (files: readonly File[]) => unwrap(await raw.addDropped(files))
  api.onUpdate = raw.onUpdate
  return api as PhotoscribeApi
}

function unwrap<T>(result: IpcResult<T>): T {
  if (!result.ok) throw new BridgeError(result.error)
  return result.data
}

/** The kind and problem of an error from main (anything else: an internal problem in its words). */
export function readBridgeError(error: unknown): { code: string; problem: Problem } {
  if (error instanceof BridgeError) return { code: error.code, problem: error.problem }
  const text = error instanceof Error ? error.message : String(error)
  return { code: 'internal', problem: { code: 'text', params: { n: text } } }
}
