import { join } from 'node:path'
import { app, BrowserWindow, protocol } from 'electron'
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, rendererResponder } from './app-protocol'
import { keepMemoryFlat, widenThreadPool } from '../core'
import { createHandlers } from './ipc/handlers'
import { registerIpc } from './ipc/register'
import { createRouter } from './ipc/router'
import { senderCheck } from './ipc/sender'
import { electronAppInfo, useSharedDataDir } from './services/app-environment'
import { electronWorkspace } from './services/electron-workspace'
import { THUMB_SCHEME, THUMB_SCHEME_PRIVILEGES, thumbnailResponder } from './thumb-protocol'
import { createMainWindow, rendererUrl } from './window'
import { openRowPath } from './workspace/row-lookup'

// Lifecycle only: everything else lives in window.ts, ipc/, services/ and workspace/.
function start(): void {
  app.enableSandbox()
  widenThreadPool()
  keepMemoryFlat()
  const dataDir = useSharedDataDir()
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES, THUMB_SCHEME_PRIVILEGES])
  const url = rendererUrl(process.env.ELECTRON_RENDERER_URL, app.isPackaged)
  const isAppUrl = senderCheck(url)
  let window: BrowserWindow | null = null
  const workspace = electronWorkspace(dataDir, () => window)
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
  void app.whenReady().then(() => {
    protocol.handle(APP_SCHEME, rendererResponder(join(import.meta.dirname, '../renderer')))
    protocol.handle(
      THUMB_SCHEME,
      thumbnailResponder((v, r) => openRowPath(workspace, v, r))
    )
    registerIpc(createRouter(createHandlers({ appInfo: electronAppInfo, workspace }), isAppUrl))
    window = createMainWindow(url, import.meta.dirname, isAppUrl)
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0)
        window = createMainWindow(url, import.meta.dirname, isAppUrl)
    })
  })
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore()
    window?.focus()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.on('will-quit', () => void workspace.close())
}

// A second copy hands over to the first and stops here: nothing else of it runs.
if (app.requestSingleInstanceLock()) start()
else app.quit()
