import { app, BrowserWindow } from 'electron'
import { keepMemoryFlat } from './core/memory'
import { createHandlers } from './ipc/handlers'
import { registerIpc } from './ipc/register'
import { createRouter } from './ipc/router'
import { senderCheck } from './ipc/sender'
import { electronAppInfo, useSharedDataDir } from './services/app-environment'
import { createMainWindow, rendererUrl } from './window'

// Lifecycle only: everything else lives in window.ts, ipc/ and services/.
app.enableSandbox()
keepMemoryFlat()
useSharedDataDir()

const url = rendererUrl(process.env.ELECTRON_RENDERER_URL, import.meta.dirname)
const isAppUrl = senderCheck(url)

if (!app.requestSingleInstanceLock()) app.quit()

app.on('web-contents-created', (_event, contents) => {
  contents.setWindowOpenHandler(() => ({ action: 'deny' }))
})

void app.whenReady().then(() => {
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
