import { Notification, clipboard, dialog, shell, type BrowserWindow } from 'electron'
import { SUPPORTED_EXTENSIONS } from '../../core'
import type { Desktop } from '../workspace/desktop'

const FILTERS = {
  xlsx: { name: 'Excel workbook', extensions: ['xlsx'] },
  csv: { name: 'CSV (comma-separated)', extensions: ['csv'] },
  json: { name: 'JSON', extensions: ['json'] },
  tsv: { name: 'Tab-separated feed', extensions: ['tsv', 'txt'] }
}

const PHOTOS: Electron.OpenDialogOptions = {
  title: 'Add photos',
  properties: ['openFile', 'openDirectory', 'multiSelections'],
  filters: [{ name: 'Photos', extensions: [...SUPPORTED_EXTENSIONS].map((ext) => ext.slice(1)) }]
}

const FILES: Record<'sheet' | 'template' | 'recipe', Electron.OpenDialogOptions> = {
  sheet: {
    title: 'Attach a product sheet',
    properties: ['openFile'],
    filters: [{ name: 'Product sheet', extensions: ['csv', 'xlsx'] }]
  },
  template: {
    title: 'Import a template',
    properties: ['openFile'],
    filters: [FILTERS.json]
  },
  recipe: {
    title: 'Import a photo-studio recipe',
    properties: ['openFile'],
    filters: [FILTERS.json]
  }
}

/** The desktop as Electron gives it, for the window `getWindow()` returns. */
export function electronDesktop(getWindow: () => BrowserWindow | null): Desktop {
  const open = (options: Electron.OpenDialogOptions): Promise<Electron.OpenDialogReturnValue> => {
    const window = getWindow()
    return window ? dialog.showOpenDialog(window, options) : dialog.showOpenDialog(options)
  }
  return {
    choosePhotos: async () => {
      const result = await open(PHOTOS)
      return result.canceled ? [] : result.filePaths
    },
    chooseFile: async (kind) => {
      const result = await open(FILES[kind])
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    chooseSavePath: (name, format) => savePath(getWindow(), name, format),
    chooseFolder: async () => {
      const result = await open({
        title: 'Where to put the photo copies',
        properties: ['openDirectory', 'createDirectory']
      })
      return result.canceled ? null : (result.filePaths[0] ?? null)
    },
    showInFolder: (path) => shell.showItemInFolder(path),
    copyText: (text) => clipboard.writeText(text),
    setProgress(fraction, title) {
      getWindow()?.setProgressBar(fraction ?? -1)
      getWindow()?.setTitle(title)
    },
    notify(title, body) {
      if (Notification.isSupported()) new Notification({ title, body }).show()
    }
  }
}

async function savePath(
  window: BrowserWindow | null,
  defaultName: string,
  format: keyof typeof FILTERS
): Promise<string | null> {
  const options = { title: 'Export results', defaultPath: defaultName, filters: [FILTERS[format]] }
  const result = window
    ? await dialog.showSaveDialog(window, options)
    : await dialog.showSaveDialog(options)
  return result.canceled || !result.filePath ? null : result.filePath
}
