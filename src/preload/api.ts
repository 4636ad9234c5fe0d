import { eventChannels } from '@shared/ipc/channels'
import type { IpcResult } from '@shared/ipc/result'
import type { Route } from '@shared/ipc/route'
import { routes, type PhotoscribeApi } from '@shared/ipc/routes'
import type { WorkspaceUpdate } from '@shared/domain/workspace'

/** The part of ipcRenderer the API needs (so tests and the e2e harness can pass a fake). */
export interface Invoker {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown
}

/**
 * Errors keep their code and field across the context bridge (which copies only `message`):
 * the message is `[code] text` or `[code:field] text`; `bridge.ts` in the renderer reads it back.
 */
export function bridgeError(code: string, message: string, detail?: string): Error {
  const field = detail && /^[\w.]{1,100}$/.test(detail) ? `:${detail}` : ''
  return new Error(`[${code}${field}] ${message}`)
}

/**
 * Builds `window.api` from the route table: one method per route, results unwrapped; the
 * dropped-files helper; and the update subscription (returns its unsubscribe).
 */
export function createApi(ipc: Invoker, pathOfFile: (file: File) => string): PhotoscribeApi {
  const request = async (route: Route, input: unknown): Promise<unknown> => {
    const result = (await ipc.invoke(route.channel, input)) as IpcResult<unknown>
    if (!result.ok) throw bridgeError(result.error.code, result.error.message, result.error.detail)
    return result.data
  }
  const api: Record<string, unknown> = {}
  for (const [domain, domainRoutes] of Object.entries(routes)) {
    const methods: Record<string, (input?: unknown) => Promise<unknown>> = {}
    for (const [method, route] of Object.entries(domainRoutes as Record<string, Route>))
      methods[method] = (input) => request(route, input)
    api[domain] = methods
  }
  api.addDropped = (files: readonly File[]) => {
    const paths = Array.from(files, pathOfFile).filter(Boolean)
    return request(routes.queue.add, { paths })
  }
  api.onUpdate = (listener: (update: WorkspaceUpdate) => void) => {
    const handler = (_event: unknown, payload: unknown): void =>
      listener(payload as WorkspaceUpdate)
    ipc.on(eventChannels.update, handler)
    return () => void ipc.removeListener(eventChannels.update, handler)
  }
  return api as PhotoscribeApi
}
