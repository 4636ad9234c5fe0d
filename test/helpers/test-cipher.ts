import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto'
import type { Protection, SecretCipher } from '../../src/main/settings/key-vault'

/**
 * An OS-like cipher for workspaces without Electron (browser harness, workspace tests): real
 * AES-GCM under a key held in memory, so files never hold a secret in clear.
 */
export function testCipher(protection: Protection = 'os'): SecretCipher {
  const key = randomBytes(32)
  return {
    protection: async () => protection,
    async encrypt(text) {
      const iv = randomBytes(12)
      const cipher = createCipheriv('aes-256-gcm', key, iv)
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
      return Buffer.concat([iv, cipher.getAuthTag(), body])
    },
    async decrypt(blob) {
      const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12))
      decipher.setAuthTag(blob.subarray(12, 28))
      const text = Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]).toString()
      return { text, shouldReEncrypt: false }
    }
  }
}
