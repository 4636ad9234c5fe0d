import { contextBridge } from 'electron'
import { describe, expect, it } from 'vitest'
import { channels } from '@shared/ipc/channels'
import { createApi } from '../../src/preload/api'
import type { contextBridge as fakeBridge } from '../setup/electron-fake'

describe('createApi', () => {
  it('invokes the contract channel and unwraps a successful result', async () => {
    const calls: unknown[][] = []
    const api = createApi({
      invoke: async (...args) => (calls.push(args), { ok: true, data: { version: '9' } })
    })
    expect(await api.getAppInfo()).toEqual({ version: '9' })
    expect(calls).toEqual([[channels.getAppInfo, undefined]])
  })

  it('rejects with the error code kept in the message', async () => {
    const api = createApi({
      invoke: async () => ({ ok: false, error: { code: 'invalid_input', message: 'Bad.' } })
    })
    await expect(api.getAppInfo()).rejects.toThrow('[invalid_input] Bad.')
  })

  it('exposes exactly the narrow api as window.api, no ipcRenderer passthrough', async () => {
    await import('../../src/preload/index')
    const exposed = (contextBridge as unknown as typeof fakeBridge).exposed
    expect(Object.keys(exposed)).toEqual(['api'])
    expect(Object.keys(exposed.api as object).sort()).toEqual(['getAppInfo'])
  })
})
