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
    encrypt: async (text) => seal(key, text),
    decrypt: async (blob) => ({ text: unseal(key, blob), shouldReEncrypt: false })
  }
}

/** AES-256-GCM: iv (12 bytes), tag (16), ciphertext. */
export function seal(key: Buffer, text: string): Buffer {
  const iv = randomBytes(12)
  const cipher = createCipheriv('aes-256-gcm', key, iv)
  const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()])
  return Buffer.concat([iv, cipher.getAuthTag(), body])
}

/** Opens what `seal` made; throws on a damaged or foreign blob. */
export function unseal(key: Buffer, blob: Buffer): string {
  const decipher = createDecipheriv('aes-256-gcm', key, blob.subarray(0, 12))
  decipher.setAuthTag(blob.subarray(12, 28))
  return Buffer.concat([decipher.update(blob.subarray(28)), decipher.final()]).toString()
}
