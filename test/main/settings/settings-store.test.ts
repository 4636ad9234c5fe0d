import { readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_SETTINGS } from '@shared/settings/schema'
import { electronStoreBackend } from '../../../src/main/services/electron-settings'
import { jsonFileBackend, loadSettings } from '../../../src/main/settings/settings-store'
import { tempDir } from '../../helpers/temp'

const backends = {
  'electron-store': (dir: string) => electronStoreBackend(dir),
  'JSON file': (dir: string) => jsonFileBackend(join(dir, 'settings.json'))
}

describe.each(Object.entries(backends))('settings in %s', (_name, make) => {
  it('start from the defaults and read back what was written', async () => {
    const dir = await tempDir('settings')
    expect((await loadSettings(make(dir))).settings).toEqual(DEFAULT_SETTINGS)
    const changed = { ...DEFAULT_SETTINGS, uiLanguage: 'zh-CN' as const }
    await make(dir).write(changed)
    expect((await loadSettings(make(dir))).settings.uiLanguage).toBe('zh-CN')
  })

  it('a file that is not JSON falls back to the defaults and is kept aside', async () => {
    const dir = await tempDir('settings-torn')
    await writeFile(join(dir, 'settings.json'), '{"version":1,"keys":[')
    const loaded = await loadSettings(make(dir), () => 42)
    expect(loaded.settings).toEqual(DEFAULT_SETTINGS)
    expect(loaded.setAside).toBe(join(dir, 'settings.json.damaged-42'))
    expect(await readFile(loaded.setAside!, 'utf8')).toBe('{"version":1,"keys":[')
    expect(JSON.parse(await readFile(join(dir, 'settings.json'), 'utf8'))).toEqual(DEFAULT_SETTINGS)
  })

  it('valid JSON with a wrong field falls back too; a missing section is filled in', async () => {
    const dir = await tempDir('settings-bad')
    const bad = { ...DEFAULT_SETTINGS, defaults: { ...DEFAULT_SETTINGS.defaults, jpegQuality: 7 } }
    await writeFile(join(dir, 'settings.json'), JSON.stringify(bad))
    const loaded = await loadSettings(make(dir), () => 7)
    expect(loaded.settings.defaults.jpegQuality).toBe(85)
    expect(await readdir(dir)).toContain('settings.json.damaged-7')

    const older = { ...DEFAULT_SETTINGS, uiLanguage: 'zh-CN' } as Record<string, unknown>
    delete older.prices
    await writeFile(join(dir, 'settings.json'), JSON.stringify(older))
    const filled = await loadSettings(make(dir))
    expect(filled.setAside).toBeUndefined()
    expect(filled.settings.uiLanguage).toBe('zh-CN')

    // Defaults saved before the brand voice existed keep every choice; the brand starts empty.
    const oldDefaults: Record<string, unknown> = { ...DEFAULT_SETTINGS.defaults, jpegQuality: 70 }
    delete oldDefaults.brand
    await writeFile(
      join(dir, 'settings.json'),
      JSON.stringify({ ...DEFAULT_SETTINGS, defaults: oldDefaults })
    )
    const kept = await loadSettings(make(dir))
    expect(kept.setAside).toBeUndefined()
    expect(kept.settings.defaults).toMatchObject({
      jpegQuality: 70,
      brand: { voice: '', avoid: [] }
    })
  })
})
