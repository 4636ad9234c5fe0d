import { builtinModules } from 'node:module'
import js from '@eslint/js'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import { defineConfig } from 'eslint/config'

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)]
const electronBan = (message) => ({ group: ['electron', 'electron/*', 'electron-store'], message })
// The engine has one door, src/core/index.ts: its internals (the Batch run, the lane pool, the
// journal, the limit resolution…) are not imported from outside it.
const engineDoor = {
  group: ['**/core/*', '**/core/**'],
  message: 'Reach the engine through its one door, src/core (index.ts), not its internals.'
}

export default defineConfig(
  { ignores: ['out/**', 'node_modules/**', 'test-results/**', 'bench-results/**', 'bin/**'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx,mts}'],
    languageOptions: { parserOptions: { projectService: true } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }]
    }
  },
  { files: ['**/*.mjs', '**/*.cjs', '**/*.js'], languageOptions: { globals: globals.node } },
  {
    files: ['src/shared/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'src/shared is pure TypeScript.' })),
          patterns: [
            electronBan('src/shared must not depend on electron.'),
            { group: ['react', 'react-dom', 'react/*'], message: 'src/shared has no React.' }
          ]
        }
      ]
    }
  },
  {
    files: ['src/core/**', 'src/simulator/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electronBan('core and the simulator run in plain Node: no electron.'),
            {
              group: ['**/services/*', '**/ipc/*', '**/main/**', '**/cli/**'],
              message: 'The engine depends on nothing of main or the CLI.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/main/settings/**', 'src/main/workspace/**', 'src/cli/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            electronBan('settings, workspace and cli run in plain Node: no electron.'),
            {
              group: ['**/services/*', '**/ipc/*'],
              message: 'plain-Node code must not reach into main adapters or IPC.'
            },
            engineDoor
          ]
        }
      ]
    }
  },
  {
    files: ['src/main/*.ts', 'src/main/ipc/**', 'src/main/services/**'],
    rules: { 'no-restricted-imports': ['error', { patterns: [engineDoor] }] }
  },
  {
    files: ['src/renderer/**'],
    languageOptions: { globals: globals.browser },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'The renderer is sandboxed: ask main through window.api (bridge.ts).'
          })),
          patterns: [
            electronBan('The renderer must not import electron: use window.api via bridge.ts.'),
            { group: ['node:*'], message: 'The renderer is sandboxed: no Node built-ins.' },
            { group: ['sharp', 'openai', 'exceljs', 'openai/*'], message: 'Main-only library.' },
            {
              group: ['**/main/**', '**/preload/**', '**/core', '**/core/**', '**/cli/**'],
              message: 'Reach main only through bridge.ts.'
            }
          ]
        }
      ]
    }
  },
  {
    files: ['src/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({ name, message: 'Sandboxed preload: no Node.' })),
          patterns: [
            { group: ['**/main/**', '**/renderer/**'], message: 'Preload uses @shared only.' }
          ]
        }
      ]
    }
  },
  {
    files: ['src/**'],
    ignores: ['src/main/ipc/register.ts', 'src/preload/index.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: 'ImportSpecifier[imported.name=/^ipc(Main|Renderer)$/]',
          message: 'Only main/ipc/register.ts and preload/index.ts touch ipcMain/ipcRenderer.'
        }
      ]
    }
  },
  // Size (house rule): files ≤ 300 lines, functions ≤ 40, React components ≤ 150.
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: {
      'max-lines': ['error', { max: 300 }],
      'max-lines-per-function': ['error', { max: 40, skipBlankLines: true, skipComments: true }]
    }
  },
  {
    files: ['src/renderer/**/*.tsx'],
    rules: {
      'max-lines-per-function': ['error', { max: 150, skipBlankLines: true, skipComments: true }]
    }
  }
)
