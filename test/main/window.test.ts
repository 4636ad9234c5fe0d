import { describe, expect, it } from 'vitest'
import { createMainWindow, rendererUrl } from '../../src/main/window'
import { senderCheck } from '../../src/main/ipc/sender'
import type { FakeBrowserWindow } from '../setup/electron-fake'

function makeWindow(): FakeBrowserWindow {
  const url = rendererUrl(undefined, false)
  return createMainWindow(url, '/app/out/main', senderCheck(url)) as unknown as FakeBrowserWindow
}

describe('main window', () => {
  it('is sandboxed, context-isolated, without Node, and loads the bundled renderer', () => {
    const window = makeWindow()
    expect(window.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      disableBlinkFeatures: 'Auxclick',
      preload: '/app/out/preload/index.js'
    })
    expect(window.loadedUrl).toBe('app://photoscribe/index.html')
  })

  it('blocks navigation away from the app but allows reloading it', () => {
    const contents = makeWindow().webContents
    expect(contents.emitCancellable('will-navigate', 'https://evil.example/')).toBe(true)
    expect(contents.emitCancellable('will-navigate', 'file:///etc/passwd')).toBe(true)
    expect(contents.emitCancellable('will-navigate', 'file:///app/out/renderer/index.html')).toBe(
      true
    )
    expect(contents.emitCancellable('will-navigate', 'app://photoscribe/index.html')).toBe(false)
    expect(contents.emitCancellable('will-attach-webview')).toBe(true)
  })

  it('denies new windows and every permission request', () => {
    const contents = makeWindow().webContents
    expect(contents.windowOpenHandler?.({ url: 'https://example.com' })).toEqual({ action: 'deny' })
    const answers: boolean[] = []
    contents.session.permissionRequestHandler?.(contents, 'media', (granted) =>
      answers.push(granted)
    )
    expect(answers).toEqual([false])
    expect(contents.session.permissionCheckHandler?.()).toBe(false)
  })

  it('uses the dev server URL in development only; a packaged build ignores the variable', () => {
    expect(rendererUrl('http://localhost:5173/', false)).toBe('http://localhost:5173/')
    expect(rendererUrl('http://evil.example/', true)).toBe('app://photoscribe/index.html')
  })
})
