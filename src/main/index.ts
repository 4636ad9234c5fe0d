import { join } from 'node:path'
import { app, BrowserWindow, protocol } from 'electron'
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, rendererResponder } from './app-protocol'
import { keepMemoryFlat } from './core/memory'
import { createHandlers } from './ipc/handlers'
import { registerIpc } from './ipc/register'
import { createRouter } from './ipc/router'
import { senderCheck } from './ipc/sender'
import { electronAppInfo, useSharedDataDir } from './services/app-environment'
import { createMainWindow, rendererUrl } from './window'

// Lifecycle only: everything else lives in window.ts, ipc/ and services/.
function start(): void {
  app.enableSandbox()
  keepMemoryFlat()
  useSharedDataDir()
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES])
  const url = rendererUrl(process.env.ELECTRON_RENDERER_URL, app.isPackaged)
  const isAppUrl = senderCheck(url)
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }))
  })
  void app.whenReady().then(() => {
    protocol.handle(APP_SCHEME, rendererResponder(join(import.meta.dirname, '../renderer')))
    registerIpc(createRouter(createHandlers({ appInfo: electronAppInfo }), isAppUrl))
    createMainWindow(url, import.meta.dirname, isAppUrl)
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0)
        createMainWindow(url, import.meta.dirname, isAppUrl)
    })
  })
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows()
    if (window?.isMinimized()) window.restore()
    window?.focus()
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}

// A second copy hands over to the first and stops here: nothing else of it runs.
if (app.requestSingleInstanceLock()) start()
else app.quit()
