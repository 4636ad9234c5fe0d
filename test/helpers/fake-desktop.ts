import type { Desktop } from '../../src/main/workspace/desktop'

/**
 * A scripted desktop for tests (the fake-platform pattern): dialogs answer what the test set,
 * everything else is recorded for the test to read.
 */
export class FakeDesktop implements Desktop {
  photos: string[] = []
  sheet: string | null = null
  template: string | null = null
  recipe: string | null = null
  savePath: string | null = null
  folder: string | null = null
  readonly shown: string[] = []
  readonly copied: string[] = []
  readonly progress: { fraction: number | null; title: string }[] = []
  readonly notified: { title: string; body: string }[] = []
  choosePhotos = async (): Promise<string[]> => this.photos
  chooseFile = async (kind: 'sheet' | 'template' | 'recipe'): Promise<string | null> =>
    this[kind]
  chooseSavePath = async (): Promise<string | null> => this.savePath
  chooseFolder = async (): Promise<string | null> => this.folder
  showInFolder = (path: string): void => void this.shown.push(path)
  copyText = (text: string): void => void this.copied.push(text)
  setProgress = (fraction: number | null, title: string): void =>
    void this.progress.push({ fraction, title })
  notify = (title: string, body: string): void => void this.notified.push({ title, body })
}
