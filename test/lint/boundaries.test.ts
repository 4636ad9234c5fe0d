import { join } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const cwd = join(import.meta.dirname, '../..')
// The real files are linted by `npm run lint` (zero warnings). Virtual files are in no tsconfig:
// lint them with the same config minus type information.
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

  it.each(['core', 'main/settings', 'main/workspace'])('refuses electron in %s', async (folder) => {
    const messages = await restrictedImports(
      `src/${folder}/bad-import.ts`,
      "import { safeStorage } from 'electron'\nexport const x = safeStorage\n"
    )
    expect(messages.some((m) => m.includes('no electron'))).toBe(true)
  })

  it.each([
    ['src/cli/run/bad.ts', '../../core/batch/batch-run'],
    ['src/main/workspace/bad.ts', '../../core/scheduler/lane-pool'],
    ['src/main/ipc/handlers/bad.ts', '../../../core/jobs/journal'],
    ['src/main/workspace/bad.ts', '../../core/estimate/catalog-overrides']
  ])('keeps engine internals behind src/core: %s importing %s', async (file, internal) => {
    const messages = await restrictedImports(
      file,
      `import { x } from '${internal}'\nexport const y = x\n`
    )
    expect(messages.some((m) => m.includes('one door, src/core'))).toBe(true)
    const door = internal.replace(/\/[^.][^/]*\/[^/]+$/, '')
    expect(
      await restrictedImports(file, `import { x } from '${door}'\nexport const y = x\n`)
    ).toEqual([])
  })

  it('refuses main and core in the renderer', async () => {
    const messages = await restrictedImports(
      'src/renderer/src/bad.ts',
      "import { x } from '../../core'\nexport const y = x\n"
    )
    expect(messages.some((m) => m.includes('bridge.ts'))).toBe(true)
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
})
