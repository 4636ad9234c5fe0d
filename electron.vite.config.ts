import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

const shared = { '@shared': resolve(import.meta.dirname, 'src/shared') }

export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      // electron-store is ESM-only: bundle it into the CJS main (see docs/development.md).
      externalizeDeps: { exclude: ['electron-store'] },
      rolldownOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src/main/index.ts'),
          cli: resolve(import.meta.dirname, 'src/cli/index.ts')
        }
      }
    }
  },
  preload: {
    resolve: { alias: shared },
    build: {
      // A sandboxed preload may require only 'electron': bundle everything else into it.
      externalizeDeps: false,
      rolldownOptions: { output: { format: 'cjs' } }
    }
  },
  renderer: {
    resolve: {
      alias: { ...shared, '@renderer': resolve(import.meta.dirname, 'src/renderer/src') }
    },
    plugins: [react()]
  }
})
