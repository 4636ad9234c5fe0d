import { ipcMain } from 'electron'
import { describe, expect, it } from 'vitest'
import { channels } from '@shared/ipc/channels'
import { createHandlers } from '../../../src/main/ipc/handlers'
import { registerIpc } from '../../../src/main/ipc/register'
import { createRouter } from '../../../src/main/ipc/router'
import { senderCheck } from '../../../src/main/ipc/sender'
import { electronAppInfo } from '../../../src/main/services/app-environment'
import type { ipcMain as fakeIpcMain } from '../../setup/electron-fake'

const APP = 'app://photoscribe/index.html'

describe('registerIpc', () => {
  it('answers app:get-info through ipcMain with app info from Electron, and unregisters', async () => {
    const fake = ipcMain as unknown as typeof fakeIpcMain
    const unregister = registerIpc(
      createRouter(createHandlers({ appInfo: electronAppInfo }), senderCheck(APP))
    )
    const handler = fake.handlers.get(channels.getAppInfo)!
    const result = await handler({ senderFrame: { url: APP } }, undefined)
    expect(result).toMatchObject({
      ok: true,
      data: {
        name: 'Photoscribe',
        version: '0.1.0',
        dataDir: '/tmp/photoscribe-test-userdata',
        platform: process.platform
      }
    })
    unregister()
    expect(fake.handlers.has(channels.getAppInfo)).toBe(false)
  })
})
