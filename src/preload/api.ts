import { channels } from '@shared/ipc/channels'
import type { InputOf, OutputOf, RequestChannel } from '@shared/ipc/contract'
import type { IpcResult } from '@shared/ipc/result'
import type { PhotoscribeApi } from '@shared/ipc/api'

/** The part of ipcRenderer the API needs (so tests can pass a fake). */
export interface Invoker {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>
}

/**
 * Errors keep their code across the context bridge (which copies only `message`):
 * the message is `[code] text`; `bridge.ts` in the renderer reads it back.
 */
export function bridgeError(code: string, message: string): Error {
  return new Error(`[${code}] ${message}`)
}

/** Builds `window.api` over an invoker: one typed method per channel, results unwrapped. */
export function createApi(ipc: Invoker): PhotoscribeApi {
  const request = async <C extends RequestChannel>(
    channel: C,
    input: InputOf<C>
  ): Promise<OutputOf<C>> => {
    const result = (await ipc.invoke(channel, input)) as IpcResult<OutputOf<C>>
    if (!result.ok) throw bridgeError(result.error.code, result.error.message)
    return result.data
  }
  return {
    getAppInfo: () => request(channels.getAppInfo, undefined)
  }
}
