import { safeStorage } from 'electron'
import type { Protection, SecretCipher } from '../settings/key-vault'

/**
 * Electron's safeStorage through its async API (the sync calls are deprecated in Electron 45).
 * On Linux, `basic_text` means a hard-coded password: weak, and said so in Settings.
 */
export function safeStorageCipher(platform: NodeJS.Platform = process.platform): SecretCipher {
  return {
    async protection(): Promise<Protection> {
      if (!(await safeStorage.isAsyncEncryptionAvailable())) return 'none'
      if (platform !== 'linux') return 'os'
      return safeStorage.getSelectedStorageBackend() === 'basic_text' ? 'weak' : 'os'
    },
    encrypt: (text) => safeStorage.encryptStringAsync(text),
    async decrypt(blob) {
      const { result, shouldReEncrypt } = await safeStorage.decryptStringAsync(blob)
      return { text: result, shouldReEncrypt }
    }
  }
}
