import { join } from 'node:path'
import { BrowserWindow, type WebPreferences } from 'electron'
import { APP_URL } from './app-protocol'
import { denyAllPermissions, hardenWebContents } from './security'

/**
 * The renderer's URL: electron-vite's dev server in development, the app's own protocol
 * otherwise. A packaged build never takes a URL from the environment.
 */
export function rendererUrl(devServerUrl: string | undefined, isPackaged: boolean): string {
  return devServerUrl && !isPackaged ? devServerUrl : APP_URL
}

/** The only webPreferences a Photoscribe window gets: sandboxed, isolated, no Node. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false
  }
}

/** Creates the main window, hardened, and loads the renderer. */
export function createMainWindow(
  url: string,
  mainDir: string,
  isAppUrl: (url: string) => boolean
): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'Photoscribe',
    autoHideMenuBar: true,
    webPreferences: secureWebPreferences(join(mainDir, '../preload/index.js'))
  })
  hardenWebContents(window.webContents, isAppUrl)
  denyAllPermissions(window.webContents.session)
  window.once('ready-to-show', () => window.show())
  void window.loadURL(url)
  return window
}
