import { join } from 'node:path'
import { problemOf } from '@shared/problem'
import { randomUUID } from 'node:crypto'
import { AppError, ErrorCodes } from '@shared/errors'
import { maskSecret } from '@shared/redact'
import {
  apiKeySchema,
  DEFAULT_SETTINGS,
  modelLimitsSchema,
  settingsSchema,
  type KeyRecord,
  type ModelLimits,
  type Settings
} from '@shared/settings/schema'
import type { SettingsView, SettingsPatch } from '@shared/settings/view'
import { settingsEndpointId } from './connection-plan'
import { KeyVault, type Protection, type SecretCipher } from './key-vault'
import { jsonFileBackend, loadSettings, type SettingsBackend } from './settings-store'

const PROXY_SECRET = 'proxy-password'

/** The settings and the secrets behind them; the one place either is changed. */
export class SettingsService {
  private loaded: Settings | undefined
  private setAside?: string
  private protection: Protection = 'none'
  readonly ready: Promise<void>
  private readonly listeners = new Set<(settings: Settings) => void>()
  private writing: Promise<void> = Promise.resolve()

  constructor(
    private readonly backend: SettingsBackend,
    private readonly vault: KeyVault,
    private readonly cipher: SecretCipher,
    private readonly env: NodeJS.ProcessEnv = {},
    /** safeStorage answers only once the app is ready: loading waits for this. */
    after: Promise<unknown> = Promise.resolve()
  ) {
    this.ready = after.then(() => this.load())
  }

  private async load(): Promise<void> {
    const loaded = await loadSettings(this.backend)
    this.loaded = loaded.settings
    this.setAside = loaded.setAside
    await this.bindUnboundKeys()
    await this.vault.load(this.value.allowWeakKeyStorage)
    this.protection = await this.cipher.protection()
  }

  /** Keys saved before keys were bound to an endpoint belong to the provider configured now. */
  private async bindUnboundKeys(): Promise<void> {
    if (this.value.keys.every((k) => k.endpoint !== undefined)) return
    const endpoint = settingsEndpointId(this.value)
    const keys = this.value.keys.map((k) => ({ ...k, endpoint: k.endpoint ?? endpoint }))
    await this.save({ ...this.value, keys })
  }

  /** Called after every change (the window's language, estimates that follow limits and prices). */
  onChange(listener: (settings: Settings) => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  /** The settings now: the defaults until the file has been read (which happens at start). */
  get value(): Settings {
    return this.loaded ?? DEFAULT_SETTINGS
  }

  async current(): Promise<Settings> {
    await this.ready
    return this.value
  }

  /** What the window may know: the settings (keys as hints), where each key is kept, and notices. */
  async view(): Promise<SettingsView> {
    await this.ready
    const envKey = this.environmentKey()
    return {
      settings: this.value,
      protection: this.protection,
      keysKept: Object.fromEntries(
        this.value.keys.map((k) => [k.id, this.vault.kept(k.id) ?? 'missing'])
      ),
      environmentKey: envKey ? maskSecret(envKey) : null,
      proxyPasswordKept: this.vault.kept(PROXY_SECRET) ?? null,
      notices: {
        setAside: this.setAside ?? null,
        unreadableKeys: this.vault
          .unreadable()
          .map((id) => this.value.keys.find((k) => k.id === id)?.label ?? id)
      }
    }
  }

  /** Replaces one section, validated whole; the wrong field is named. */
  async update(patch: SettingsPatch): Promise<SettingsView> {
    await this.ready
    const next = { ...this.value, [patch.section]: patch.value } as Settings
    await this.save(next)
    if (patch.section === 'allowWeakKeyStorage') await this.vault.setAllowWeak(Boolean(patch.value))
    return this.view()
  }

  /** Adds a key: the secret goes to the vault, the settings keep its label and hint. */
  async addKey(label: string, secret: string): Promise<SettingsView> {
    await this.ready
    const apiKey = checkSecret(secret)
    const id = randomUUID().slice(0, 8)
    await this.vault.put(id, apiKey)
    const record: KeyRecord = {
      id,
      endpoint: settingsEndpointId(this.value),
      label: label.trim(),
      hint: maskSecret(apiKey),
      models: [],
      limits: {},
      reported: {}
    }
    try {
      await this.save({ ...this.value, keys: [...this.value.keys, record] })
    } catch (error) {
      await this.vault.remove(id)
      throw error
    }
    return this.view()
  }

  /** Replaces a key's secret (one saved for the session only, or a rotated key). */
  async replaceKeySecret(id: string, secret: string): Promise<SettingsView> {
    const record = await this.key(id)
    const apiKey = checkSecret(secret)
    await this.vault.put(id, apiKey)
    await this.changeKey(id, { ...record, hint: maskSecret(apiKey) })
    return this.view()
  }

  async renameKey(id: string, label: string): Promise<SettingsView> {
    await this.changeKey(id, { ...(await this.key(id)), label: label.trim() })
    return this.view()
  }

  async removeKey(id: string): Promise<SettingsView> {
    await this.key(id)
    await this.vault.remove(id)
    await this.save({ ...this.value, keys: this.value.keys.filter((k) => k.id !== id) })
    return this.view()
  }

  /** Which models a key may serve (empty: any), and its limits for one model. */
  async setKeyModels(id: string, models: string[]): Promise<SettingsView> {
    await this.changeKey(id, { ...(await this.key(id)), models })
    return this.view()
  }

  async setKeyLimits(id: string, model: string, limits: ModelLimits | null): Promise<SettingsView> {
    const record = await this.key(id)
    const next = { ...record.limits }
    if (limits) next[model] = modelLimitsSchema.parse(limits)
    else delete next[model]
    await this.changeKey(id, { ...record, limits: next })
    return this.view()
  }

  /** What the headers reported for a key and model (a test, or a run). */
  async recordReported(id: string, model: string, rpm?: number, tpm?: number): Promise<void> {
    const record = await this.key(id)
    const reported = { ...record.reported, [model]: { rpm, tpm, at: Date.now() } }
    await this.changeKey(id, { ...record, reported })
  }

  /** The proxy's password (null clears it). */
  async setProxyPassword(password: string | null): Promise<SettingsView> {
    await this.ready
    if (password === null || password === '') await this.vault.remove(PROXY_SECRET)
    else await this.vault.put(PROXY_SECRET, password)
    await this.save({
      ...this.value,
      proxy: { ...this.value.proxy, hasPassword: Boolean(password) }
    })
    return this.view()
  }

  /** Main only: a key's secret, never sent to the window. */
  secret(id: string): string | undefined {
    return this.vault.get(id)
  }

  proxyPassword(): string | undefined {
    return this.vault.get(PROXY_SECRET)
  }

  /** `OPENAI_API_KEY`, used when Settings hold no key (the CLI's way, kept for the app). */
  environmentKey(): string | undefined {
    const key = this.env.OPENAI_API_KEY?.trim()
    return key && !/\s/.test(key) ? key : undefined
  }

  private async key(id: string): Promise<KeyRecord> {
    await this.ready
    const record = this.value.keys.find((k) => k.id === id)
    if (!record) throw new AppError(ErrorCodes.notFound, { code: 'noSuchKey', field: 'keyId' })
    return record
  }

  private async changeKey(id: string, record: KeyRecord): Promise<void> {
    await this.save({
      ...this.value,
      keys: this.value.keys.map((k) => (k.id === id ? record : k))
    })
  }

  private async save(next: unknown): Promise<void> {
    const parsed = settingsSchema.safeParse(next)
    if (!parsed.success) {
      const issue = parsed.error.issues[0]
      throw new AppError(ErrorCodes.refused, problemOf(issue.message, issue.path.join('.')))
    }
    this.loaded = parsed.data
    // One write at a time, in order: the file always ends with the latest settings.
    this.writing = this.writing.then(() => this.backend.write(parsed.data))
    await this.writing
    for (const listener of this.listeners) listener(parsed.data)
  }
}

/** A pasted key, trimmed; refused (by code) when empty, too short, or two keys in one. */
function checkSecret(secret: string): string {
  const parsed = apiKeySchema.safeParse(secret)
  if (!parsed.success)
    throw new AppError(ErrorCodes.refused, problemOf(parsed.error.issues[0].message, 'apiKey'))
  return parsed.data
}

/** Settings and the vault beside them in `dir` (`settings.json`, `secrets.json`). */
export function openSettings(
  dir: string,
  cipher: SecretCipher,
  env: NodeJS.ProcessEnv,
  backend: SettingsBackend = jsonFileBackend(join(dir, 'settings.json')),
  after?: Promise<unknown>
): SettingsService {
  const vault = new KeyVault(join(dir, 'secrets.json'), cipher)
  return new SettingsService(backend, vault, cipher, env, after)
}
