import { app, session, type BrowserWindow } from 'electron'
import { eventChannels } from '@shared/ipc/channels'
import { toWire } from '@shared/ipc/row-wire'
import { DEMO_KEY, DEMO_LIMITS } from '../../simulator/demo-setup'
import { ConnectionSource } from '../workspace/connection'
import { Workspace } from '../workspace/workspace'
import { electronDesktop } from './electron-desktop'
import { electronStoreBackend } from './electron-settings'
import { safeStorageCipher } from './safe-storage-cipher'
import { openSettings } from '../settings/settings-service'

/** The window's workspace in the app: Settings (electron-store, keys in safeStorage), Electron's desktop, updates by IPC. */
export function electronWorkspace(
  dataDir: string,
  getWindow: () => BrowserWindow | null
): Workspace {
  return new Workspace({
    dataDir,
    connection: new ConnectionSource(
      openSettings(
        dataDir,
        safeStorageCipher(),
        process.env,
        electronStoreBackend(dataDir),
        app.whenReady()
      ),
      {
        // The simulator is loaded only when the demo is opened: it is not in the app's main bundle.
        start: () => import('../../simulator/demo').then((demo) => demo.startDemoSimulator()),
        key: DEMO_KEY,
        limits: DEMO_LIMITS
      },
      (url) => session.defaultSession.resolveProxy(url),
      process.env
    ),
    desktop: electronDesktop(getWindow),
    send: (update) => getWindow()?.webContents.send(eventChannels.update, toWire(update))
  })
}
