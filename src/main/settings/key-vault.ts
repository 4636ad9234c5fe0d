import { mkdir, readFile, rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { z } from 'zod'
import { writeFileAtomic } from '../../core'

/**
 * How well the OS can protect a secret: `os` (Keychain, DPAPI, a Linux secret service), `weak`
 * (Linux `basic_text`: encrypted with a password anyone can find), or `none`.
 */
export type Protection = 'os' | 'weak' | 'none'

/** Encryption the OS offers (Electron's safeStorage in the app; a fake in tests). */
export interface SecretCipher {
  protection(): Promise<Protection>
  encrypt(text: string): Promise<Buffer>
  decrypt(blob: Buffer): Promise<{ text: string; shouldReEncrypt: boolean }>
}

/** Where one secret ended up. */
export type Kept = 'os' | 'weak' | 'session'

const blobFileSchema = z.object({
  version: z.literal(1),
  secrets: z.record(z.string(), z.object({ kept: z.enum(['os', 'weak']), blob: z.string() }))
})
type BlobFile = z.infer<typeof blobFileSchema>

/**
 * API keys and the proxy password: in memory for the session, and on disk only encrypted by the
 * OS (or, if the user opted in, by Linux's weak `basic_text`). The file holds ciphertext only.
 */
export class KeyVault {
  private readonly secrets = new Map<string, { text: string; kept: Kept }>()
  private readonly problems: string[] = []
  private allowWeak = false

  constructor(
    private readonly file: string,
    private readonly cipher: SecretCipher
  ) {}

  /**
   * Reads and decrypts what was saved; re-encrypts a secret the OS says to. Unreadable ones are
   * dropped and named. `allowWeak`: the user's opt-in to weak storage, from Settings.
   */
  async load(allowWeak: boolean): Promise<void> {
    this.allowWeak = allowWeak
    const saved = await this.readFile()
    let changed = false
    for (const [id, { kept, blob }] of Object.entries(saved.secrets)) {
      try {
        const { text, shouldReEncrypt } = await this.cipher.decrypt(Buffer.from(blob, 'base64'))
        this.secrets.set(id, { text, kept })
        if (shouldReEncrypt) changed = true
      } catch {
        this.problems.push(id)
        changed = true
      }
    }
    if (changed) await this.save()
  }

  /** Ids whose saved secret could not be decrypted (the OS key changed): they must be entered again. */
  unreadable(): readonly string[] {
    return this.problems
  }

  get(id: string): string | undefined {
    return this.secrets.get(id)?.text
  }

  kept(id: string): Kept | undefined {
    return this.secrets.get(id)?.kept
  }

  /** Keeps a secret, on disk if the OS can protect it (or weakly, if allowed), else for the session. */
  async put(id: string, text: string): Promise<Kept> {
    const kept = this.placeFor(await this.cipher.protection())
    this.secrets.set(id, { text, kept })
    await this.save()
    return kept
  }

  async remove(id: string): Promise<void> {
    if (this.secrets.delete(id)) await this.save()
  }

  /** The user opted in to (or out of) weak storage: session secrets are saved, or weak ones unsaved. */
  async setAllowWeak(allow: boolean): Promise<Map<string, Kept>> {
    this.allowWeak = allow
    const protection = await this.cipher.protection()
    const changes = new Map<string, Kept>()
    for (const [id, secret] of this.secrets) {
      const kept = this.placeFor(protection)
      if (kept !== secret.kept && secret.kept !== 'os') {
        secret.kept = kept
        changes.set(id, kept)
      }
    }
    await this.save()
    return changes
  }

  private placeFor(protection: Protection): Kept {
    if (protection === 'os') return 'os'
    return protection === 'weak' && this.allowWeak ? 'weak' : 'session'
  }

  private async readFile(): Promise<BlobFile> {
    const text = await readFile(this.file, 'utf8').catch(() => null)
    if (text === null) return { version: 1, secrets: {} }
    try {
      return blobFileSchema.parse(JSON.parse(text))
    } catch {
      return { version: 1, secrets: {} }
    }
  }

  /** Writes every kept-on-disk secret encrypted (fresh ciphertext each time), mode 0600, one write at a time. */
  private save(): Promise<void> {
    this.saving = this.saving.then(() => this.write())
    return this.saving
  }

  private saving: Promise<void> = Promise.resolve()

  private async write(): Promise<void> {
    const secrets: BlobFile['secrets'] = {}
    for (const [id, { text, kept }] of this.secrets) {
      if (kept === 'session') continue
      secrets[id] = { kept, blob: (await this.cipher.encrypt(text)).toString('base64') }
    }
    if (Object.keys(secrets).length === 0) {
      await rm(this.file, { force: true })
      return
    }
    await mkdir(dirname(this.file), { recursive: true })
    await writeFileAtomic(this.file, JSON.stringify({ version: 1, secrets }), 0o600)
  }
}
