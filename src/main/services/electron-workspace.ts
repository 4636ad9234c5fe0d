import type { BrowserWindow } from 'electron'
import { eventChannels } from '@shared/ipc/channels'
import { DEMO_KEY, DEMO_LIMITS, startDemoSimulator } from '../../simulator/demo'
import { ConnectionSource } from '../workspace/connection'
import { Workspace } from '../workspace/workspace'
import { electronDesktop } from './electron-desktop'

/** The window's workspace in the app: keys from the environment, Electron's desktop, updates by IPC. */
export function electronWorkspace(
  dataDir: string,
  getWindow: () => BrowserWindow | null
): Workspace {
  return new Workspace({
    dataDir,
    connection: new ConnectionSource(process.env, {
      start: startDemoSimulator,
      key: DEMO_KEY,
      limits: DEMO_LIMITS
    }),
    desktop: electronDesktop(getWindow),
    send: (update) => getWindow()?.webContents.send(eventChannels.update, update)
  })
}
