import { readFile } from 'node:fs/promises'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { FuseV1Options } from '@electron/fuses'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '../..')
const require = createRequire(import.meta.url)

describe('packaging (the configuration; building needs Electron downloads this machine cannot make)', () => {
  it('flips every fuse the checklist asks for', () => {
    const { FUSES } = require(join(ROOT, 'build/after-pack.cjs')) as {
      FUSES: Record<number, boolean>
    }
    expect(FUSES[FuseV1Options.RunAsNode]).toBe(false)
    expect(FUSES[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false)
    expect(FUSES[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false)
    expect(FUSES[FuseV1Options.EnableCookieEncryption]).toBe(true)
    expect(FUSES[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true)
    expect(FUSES[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true)
  })

  it('packs the built app for all three platforms, with sharp outside the ASAR and the hook wired', async () => {
    const config = await readFile(join(ROOT, 'electron-builder.yml'), 'utf8')
    for (const platform of ['win:', 'mac:', 'linux:']) expect(config).toContain(platform)
    expect(config).toContain("'**/node_modules/sharp/**/*'")
    expect(config).toContain("'**/node_modules/@img/**/*'")
    expect(config).toMatch(/^afterPack: build\/after-pack\.cjs$/m)
    expect(config).toMatch(/^ {2}- out\/\*\*\/\*$/m)
  })
})
