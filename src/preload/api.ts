import { eventChannels } from '@shared/ipc/channels'
import type { IpcResult } from '@shared/ipc/result'
import { channelOf, ROUTE_NAMES } from '@shared/ipc/route-names'
import type { BridgeApi } from '@shared/ipc/routes'
import type { WorkspaceUpdate } from '@shared/domain/workspace'
import { fromWire, type WireUpdate } from '@shared/ipc/row-wire'

/** The part of ipcRenderer the API needs (so tests and the e2e harness can pass a fake). */
export interface Invoker {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
  on(channel: string, listener: (event: unknown, payload: unknown) => void): unknown
  removeListener(channel: string, listener: (event: unknown, payload: unknown) => void): unknown
}

/** Paths per `queue:add` call when a drop is larger (the route takes at most 10,000). */
export const DROP_CHUNK = 5_000

/**
 * Builds `window.api` from the route table: one method per route, resolving to its result; the
 * dropped-files helper; and the update subscription (returns its unsubscribe).
 */
export function createApi(ipc: Invoker, pathOfFile: (file: File) => string): BridgeApi {
  const request = async (channel: string, input: unknown): Promise<IpcResult<unknown>> =>
    (await ipc.invoke(channel, input)) as IpcResult<unknown>
  const api: Record<string, unknown> = {}
  for (const [domain, names] of Object.entries(ROUTE_NAMES)) {
    const methods: Record<string, (input?: unknown) => Promise<IpcResult<unknown>>> = {}
    for (const method of names)
      methods[method] = (input) => request(channelOf(domain, method), input)
    api[domain] = methods
  }
  // A drop of any size: its paths go in chunks the route takes, one after another, in order.
  api.addDropped = async (files: readonly File[]) => {
    const paths = Array.from(files, pathOfFile).filter(Boolean)
    let added = 0
    for (let start = 0; start < paths.length; start += DROP_CHUNK) {
      const chunk = paths.slice(start, start + DROP_CHUNK)
      const answer = await request(channelOf('queue', 'add'), { paths: chunk })
      if (!answer.ok) return answer
      added += (answer.data as { added: number }).added
    }
    return { ok: true, data: { added } }
  }
  api.onUpdate = (listener: (update: WorkspaceUpdate) => void) => {
    const handler = (_event: unknown, payload: unknown): void =>
      listener(fromWire(payload as WireUpdate))
    ipc.on(eventChannels.update, handler)
    return () => void ipc.removeListener(eventChannels.update, handler)
  }
  return api as BridgeApi
}
