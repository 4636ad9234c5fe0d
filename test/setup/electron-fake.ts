import { randomBytes } from 'node:crypto'
import { seal, unseal } from '../helpers/test-cipher'
/**
 * Minimal stand-ins for the Electron APIs main and preload use. They record what was asked of
 * them so tests can drive events (navigation, IPC) and read the outcome.
 */
type Listener = (...args: unknown[]) => unknown

class Emitter {
  private readonly listeners = new Map<string, Listener[]>()
  on(event: string, listener: Listener): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener])
    return this
  }
  once(event: string, listener: Listener): this {
    return this.on(event, listener)
  }
  /** Fires an event the way Electron would; returns whether a listener called preventDefault. */
  emitCancellable(event: string, ...args: unknown[]): boolean {
    let prevented = false
    const evt = { preventDefault: () => void (prevented = true) }
    for (const listener of this.listeners.get(event) ?? []) listener(evt, ...args)
    return prevented
  }
}

export class FakeSession {
  permissionRequestHandler?: (
    contents: unknown,
    permission: string,
    callback: (granted: boolean) => void
  ) => void
  permissionCheckHandler?: () => boolean
  setPermissionRequestHandler(handler: FakeSession['permissionRequestHandler']): void {
    this.permissionRequestHandler = handler
  }
  setPermissionCheckHandler(handler: FakeSession['permissionCheckHandler']): void {
    this.permissionCheckHandler = handler
  }
}

export class FakeWebContents extends Emitter {
  readonly session = new FakeSession()
  windowOpenHandler?: (details: { url: string }) => { action: string }
  setWindowOpenHandler(handler: FakeWebContents['windowOpenHandler']): void {
    this.windowOpenHandler = handler
  }
}

export class FakeBrowserWindow extends Emitter {
  static readonly instances: FakeBrowserWindow[] = []
  readonly webContents = new FakeWebContents()
  loadedUrl?: string
  constructor(
    readonly options: { webPreferences?: Record<string, unknown> } & Record<string, unknown>
  ) {
    super()
    FakeBrowserWindow.instances.push(this)
  }
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances
  }
  loadURL(url: string): Promise<void> {
    this.loadedUrl = url
    return Promise.resolve()
  }
  show(): void {}
}

type IpcHandler = (event: { senderFrame?: { url: string } }, ...args: unknown[]) => unknown

export const ipcMain = {
  handlers: new Map<string, IpcHandler>(),
  handle(channel: string, handler: IpcHandler): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`)
    this.handlers.set(channel, handler)
  },
  removeHandler(channel: string): void {
    this.handlers.delete(channel)
  },
  /** electron-store registers a sync listener for renderers; nothing here sends to it. */
  on(): void {}
}

const paths = new Map<string, string>([['userData', '/tmp/photoscribe-test-userdata']])

export const app = {
  getVersion: (): string => '0.1.0',
  getPath: (name: string): string => paths.get(name) ?? `/tmp/photoscribe-test-${name}`,
  setPath: (name: string, value: string): void => void paths.set(name, value)
}

export const contextBridge = {
  exposed: {} as Record<string, unknown>,
  exposeInMainWorld(key: string, value: unknown): void {
    this.exposed[key] = value
  }
}

export const ipcRenderer = {
  invoke: async (): Promise<unknown> => ({
    ok: false,
    error: { code: 'internal', message: 'no main in this test' }
  }),
  on: (): void => {},
  removeListener: (): void => {}
}

export const webUtils = {
  getPathForFile: (): string => ''
}

/**
 * safeStorage with the async API only (the sync calls throw: Electron 45 deprecates them). It
 * really encrypts (AES-GCM, a key per "OS login"), so a test can look for the secret in files.
 */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as string,
  /** A new OS key: blobs made before decrypt with `shouldReEncrypt`. */
  keyVersion: 1,
  calls: [] as string[],
  key: randomBytes(32),
  reset(): void {
    this.available = true
    this.backend = 'gnome_libsecret'
    this.keyVersion = 1
    this.calls = []
  },
  async isAsyncEncryptionAvailable(): Promise<boolean> {
    this.calls.push('isAsyncEncryptionAvailable')
    return this.available
  },
  getSelectedStorageBackend(): string {
    this.calls.push('getSelectedStorageBackend')
    return this.backend
  },
  /** A blob is the OS key's version (1 byte) and the sealed text. */
  async encryptStringAsync(text: string): Promise<Buffer> {
    this.calls.push('encryptStringAsync')
    return Buffer.concat([Buffer.from([this.keyVersion]), seal(this.key, text)])
  },
  async decryptStringAsync(blob: Buffer): Promise<{ result: string; shouldReEncrypt: boolean }> {
    this.calls.push('decryptStringAsync')
    return {
      result: unseal(this.key, blob.subarray(1)),
      shouldReEncrypt: blob[0] !== this.keyVersion
    }
  },
  encryptString(): never {
    throw new Error('safeStorage.encryptString is deprecated: use encryptStringAsync')
  },
  decryptString(): never {
    throw new Error('safeStorage.decryptString is deprecated: use decryptStringAsync')
  }
}

export const electronMock = {
  app,
  safeStorage,
  ipcMain,
  ipcRenderer,
  contextBridge,
  webUtils,
  BrowserWindow: FakeBrowserWindow
}
