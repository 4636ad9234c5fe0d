import { ipcMain } from 'electron'
import { describe, expect, it } from 'vitest'
import { routes } from '@shared/ipc/routes'
import { createHandlers } from '../../../src/main/ipc/handlers'
import { registerIpc } from '../../../src/main/ipc/register'
import { createRouter } from '../../../src/main/ipc/router'
import { senderCheck } from '../../../src/main/ipc/sender'
import { electronAppInfo } from '../../../src/main/services/app-environment'
import type { ipcMain as fakeIpcMain } from '../../setup/electron-fake'
import { tempDir } from '../../helpers/temp'
import { testWorkspace } from '../../helpers/workspace'

const APP = 'app://photoscribe/index.html'

describe('registerIpc', () => {
  it('answers app:get-info through ipcMain with app info from Electron, and unregisters', async () => {
    const fake = ipcMain as unknown as typeof fakeIpcMain
    const workspace = testWorkspace(await tempDir('register'), {})
    const unregister = registerIpc(
      createRouter(createHandlers({ appInfo: electronAppInfo, workspace }), senderCheck(APP))
    )
    const handler = fake.handlers.get(routes.app.getInfo.channel)!
    const result = await handler({ senderFrame: { url: APP } }, undefined)
    expect(result).toMatchObject({
      ok: true,
      data: {
        name: 'Photoscribe',
        version: '0.1.0',
        dataDir: '/tmp/photoscribe-test-userdata',
        platform: process.platform,
        thumbnailBase: 'thumb://t/'
      }
    })
    expect(fake.handlers.size).toBeGreaterThan(15)
    unregister()
    expect(fake.handlers.has(routes.app.getInfo.channel)).toBe(false)
  })
})
