import { BrowserWindow, Notification, clipboard, dialog, shell } from 'electron'
import { SUPPORTED_EXTENSIONS } from '../core/ingest/extensions'
import type { Desktop } from '../workspace/desktop'

const FILTERS = {
  xlsx: { name: 'Excel workbook', extensions: ['xlsx'] },
  csv: { name: 'CSV (comma-separated)', extensions: ['csv'] },
  json: { name: 'JSON', extensions: ['json'] }
}

/** The desktop as Electron gives it, for the window `getWindow()` returns. */
export function electronDesktop(getWindow: () => BrowserWindow | null): Desktop {
  const parent = (): BrowserWindow | undefined => getWindow() ?? undefined
  const open = (options: Electron.OpenDialogOptions): Promise<Electron.OpenDialogReturnValue> => {
    const window = parent()
    return window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options)
  }
  return {
    async choosePhotos() {
      const options: Electron.OpenDialogOptions = {
        title: 'Add photos',
        properties: ['openFile', 'openDirectory', 'multiSelections'],
        filters: [
          { name: 'Photos', extensions: [...SUPPORTED_EXTENSIONS].map((ext) => ext.slice(1)) }
        ]
      }
      const result = await open(options)
      return result.canceled ? [] : result.filePaths
    },
    async chooseSheet() {
      const options: Electron.OpenDialogOptions = {
        title: 'Attach a product sheet',
        properties: ['openFile'],
        filters: [{ name: 'Product sheet', extensions: ['csv', 'xlsx'] }]
      }
      const result = await open(options)
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    async chooseSavePath(defaultName, format) {
      const options: Electron.SaveDialogOptions = {
        title: 'Export results',
        defaultPath: defaultName,
        filters: [FILTERS[format]]
      }
      const window = parent()
      const result = window
        ? await dialog.showSaveDialog(window, options)
        : await dialog.showSaveDialog(options)
      return result.canceled || !result.filePath ? null : result.filePath
    },
    showInFolder: (path) => shell.showItemInFolder(path),
    copyText: (text) => clipboard.writeText(text),
    setProgress(fraction, title) {
      const window = parent()
      window?.setProgressBar(fraction ?? -1)
      window?.setTitle(title)
    },
    notify(title, body) {
      if (Notification.isSupported()) new Notification({ title, body }).show()
    }
  }
}
