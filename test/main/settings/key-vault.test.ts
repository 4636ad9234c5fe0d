import { readFile, stat, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { beforeEach, describe, expect, it } from 'vitest'
import { safeStorage } from 'electron'
import { safeStorageCipher } from '../../../src/main/services/safe-storage-cipher'
import { KeyVault } from '../../../src/main/settings/key-vault'
import { tempDir } from '../../helpers/temp'

const fake = safeStorage as unknown as {
  available: boolean
  backend: string
  keyVersion: number
  calls: string[]
  reset(): void
}
const SECRET = 'sk-vault-sentinel-0123456789abcdef'

async function vaultIn(dir: string, allowWeak = false, platform: NodeJS.Platform = 'linux') {
  const vault = new KeyVault(join(dir, 'secrets.json'), safeStorageCipher(platform))
  await vault.load(allowWeak)
  return vault
}

describe('the key vault on safeStorage (through the shared electron mock)', () => {
  beforeEach(() => fake.reset())

  it('uses only the async API, and the file holds ciphertext, mode 0600', async () => {
    const dir = await tempDir('vault')
    const vault = await vaultIn(dir)
    expect(await vault.put('k1', SECRET)).toBe('os')
    const file = join(dir, 'secrets.json')
    expect(await readFile(file, 'utf8')).not.toContain(SECRET)
    expect((await stat(file)).mode & 0o777).toBe(0o600)
    const again = await vaultIn(dir)
    expect(again.get('k1')).toBe(SECRET)
    expect(fake.calls).toContain('encryptStringAsync')
    expect(fake.calls).toContain('decryptStringAsync')
    expect(fake.calls).toContain('isAsyncEncryptionAvailable')
  })

  it('keeps a key for the session only where Linux offers basic_text, unless the user opts in', async () => {
    fake.backend = 'basic_text'
    const dir = await tempDir('vault-weak')
    const vault = await vaultIn(dir)
    expect(await vault.put('k1', SECRET)).toBe('session')
    expect(vault.get('k1')).toBe(SECRET)
    expect((await vaultIn(dir)).get('k1')).toBeUndefined()

    const changes = await vault.setAllowWeak(true)
    expect(changes.get('k1')).toBe('weak')
    const reopened = await vaultIn(dir, true)
    expect(reopened.get('k1')).toBe(SECRET)
    expect(reopened.kept('k1')).toBe('weak')

    await reopened.setAllowWeak(false)
    expect((await vaultIn(dir)).get('k1')).toBeUndefined()
    expect(reopened.get('k1')).toBe(SECRET)
  })

  it('basic_text is only a Linux answer: elsewhere an available store is the OS one', async () => {
    fake.backend = 'basic_text'
    const vault = await vaultIn(await tempDir('vault-mac'), false, 'darwin')
    expect(await vault.put('k1', SECRET)).toBe('os')
  })

  it('keeps keys in memory only when no encryption is available', async () => {
    fake.available = false
    const dir = await tempDir('vault-none')
    const vault = await vaultIn(dir, true)
    expect(await vault.put('k1', SECRET)).toBe('session')
    await expect(stat(join(dir, 'secrets.json'))).rejects.toThrow()
  })

  it('re-encrypts a secret when the OS says so, and names one it cannot read', async () => {
    const dir = await tempDir('vault-rotate')
    const vault = await vaultIn(dir)
    await vault.put('k1', SECRET)
    await vault.put('k2', 'sk-second-key-abcdefgh')
    const before = JSON.parse(await readFile(join(dir, 'secrets.json'), 'utf8'))
    // k2's blob is damaged; the OS key was rotated for k1.
    before.secrets.k2.blob = Buffer.from('garbage-garbage-garbage-garbage').toString('base64')
    await writeFile(join(dir, 'secrets.json'), JSON.stringify(before))
    fake.keyVersion = 2
    const reopened = await vaultIn(dir)
    expect(reopened.get('k1')).toBe(SECRET)
    expect(reopened.unreadable()).toEqual(['k2'])
    const after = JSON.parse(await readFile(join(dir, 'secrets.json'), 'utf8'))
    expect(after.secrets.k1.blob).not.toBe(before.secrets.k1.blob)
    expect(Buffer.from(after.secrets.k1.blob, 'base64')[0]).toBe(2)
    expect(after.secrets.k2).toBeUndefined()
  })
})
