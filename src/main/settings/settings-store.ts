import { copyFile, mkdir, readFile } from 'node:fs/promises'
import { dirname } from 'node:path'
import { DEFAULT_SETTINGS, settingsSchema, type Settings } from '@shared/settings/schema'
import { writeFileAtomic } from '../../core'

/**
 * Where settings are kept: electron-store in the app (`services/electron-settings.ts`), a plain
 * JSON file where there is no Electron (the CLI, the browser harness). Both are one JSON object.
 */
export interface SettingsBackend {
  readonly path: string
  /** The stored object; `damaged` when the file is not JSON at all. */
  read(): Promise<{ data?: unknown; damaged?: boolean }>
  write(settings: Settings): Promise<void>
}

/** What reading the settings found: the settings, and where a damaged file was put aside. */
export interface LoadedSettings {
  settings: Settings
  setAside?: string
}

/**
 * Settings parsed with zod on every read. A damaged or invalid file never stops the app: it is
 * copied aside, the defaults are used, and the caller tells the user where the old file went.
 */
export async function loadSettings(
  backend: SettingsBackend,
  now: () => number = Date.now
): Promise<LoadedSettings> {
  const { data, damaged } = await backend.read()
  if (data === undefined && !damaged) return { settings: structuredClone(DEFAULT_SETTINGS) }
  const parsed = damaged ? null : settingsSchema.safeParse(withDefaults(data))
  if (parsed?.success) return { settings: parsed.data }
  const setAside = `${backend.path}.damaged-${now()}`
  await copyFile(backend.path, setAside).catch(() => undefined)
  const settings = structuredClone(DEFAULT_SETTINGS)
  await backend.write(settings)
  return { settings, setAside }
}

/** Fills sections a file from an older version lacks, so one new section does not reset the rest. */
function withDefaults(data: unknown): unknown {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return data
  return { ...DEFAULT_SETTINGS, ...(data as Record<string, unknown>) }
}

/** Settings in a JSON file, written atomically. */
export function jsonFileBackend(path: string): SettingsBackend {
  return {
    path,
    async read() {
      const text = await readFile(path, 'utf8').catch(() => null)
      if (text === null) return {}
      try {
        return { data: JSON.parse(text) as unknown }
      } catch {
        return { damaged: true }
      }
    },
    async write(settings) {
      await mkdir(dirname(path), { recursive: true })
      await writeFileAtomic(path, JSON.stringify(settings, null, 2))
    }
  }
}
