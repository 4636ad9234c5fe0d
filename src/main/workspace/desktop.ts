/**
 * What the window's engine needs from the desktop (dialogs, the file manager, the clipboard, the
 * taskbar, notifications). Electron implements it in `services/electron-desktop.ts`; tests and
 * the e2e harness use a scripted fake.
 */
export interface Desktop {
  /** "Add photos…": files and folders the user picked; [] when cancelled. */
  choosePhotos(): Promise<string[]>
  /** A file to read: a product sheet (CSV/XLSX), a template or a recipe (JSON); null when cancelled. */
  chooseFile(kind: 'sheet' | 'template' | 'recipe'): Promise<string | null>
  /** Where to save an export; null when cancelled. */
  chooseSavePath(defaultName: string, format: 'xlsx' | 'csv' | 'json' | 'tsv'): Promise<string | null>
  /** A folder to write into (created in the dialog if need be); null when cancelled. */
  chooseFolder(): Promise<string | null>
  showInFolder(path: string): void
  copyText(text: string): void
  /** Progress in the taskbar and the window title (null: no run). */
  setProgress(fraction: number | null, title: string): void
  notify(title: string, body: string): void
}
