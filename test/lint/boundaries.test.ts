import { join } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const cwd = join(import.meta.dirname, '../..')
const eslint = new ESLint({ cwd })
// Virtual files are in no tsconfig: lint them with the same config minus type information.
const untyped = new ESLint({
  cwd,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false, project: null } },
    rules: { '@typescript-eslint/no-floating-promises': 'off' }
  }
})

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await untyped.lintText(code, { filePath })
  expect(result.messages.filter((m) => m.fatal)).toEqual([])
  return result.messages
    .filter((m) => m.ruleId === 'no-restricted-imports' || m.ruleId === 'no-restricted-syntax')
    .map((m) => m.message)
}

describe('layer boundaries are enforced by lint', () => {
  it('refuses node:fs and electron in the renderer', async () => {
    const messages = await restrictedImports(
      'src/renderer/src/bad-import.ts',
      "import { readFileSync } from 'node:fs'\nimport { ipcRenderer } from 'electron'\nimport path from 'path'\nexport const x = [readFileSync, ipcRenderer, path]\n"
    )
    expect(messages.some((m) => m.includes('node:fs'))).toBe(true)
    expect(messages.some((m) => m.includes("'electron' import is restricted"))).toBe(true)
    expect(messages.some((m) => m.includes("'path' import is restricted"))).toBe(true)
  })

  it.each(['core', 'settings', 'workspace'])('refuses electron in main/%s', async (folder) => {
    const messages = await restrictedImports(
      `src/main/${folder}/bad-import.ts`,
      "import { safeStorage } from 'electron'\nexport const x = safeStorage\n"
    )
    expect(messages.some((m) => m.includes('no electron'))).toBe(true)
  })

  it('refuses node built-ins in src/shared', async () => {
    const messages = await restrictedImports(
      'src/shared/bad-import.ts',
      "import { join } from 'node:path'\nexport const x = join\n"
    )
    expect(messages.some((m) => m.includes('pure TypeScript'))).toBe(true)
  })

  it('keeps ipcMain inside register.ts', async () => {
    const messages = await restrictedImports(
      'src/main/ipc/handlers/bad.ts',
      "import { ipcMain } from 'electron'\nexport const x = ipcMain\n"
    )
    expect(messages.some((m) => m.includes('Only main/ipc/register.ts'))).toBe(true)
  })

  it('accepts the real renderer and core files', async () => {
    const results = await eslint.lintFiles([
      'src/renderer/src/App.tsx',
      'src/main/core/paths.ts',
      'src/main/ipc/register.ts'
    ])
    expect(results.flatMap((r) => r.messages)).toEqual([])
  })
})
