import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import type { Plugin } from 'vite'
import react from '@vitejs/plugin-react'

/**
 * The page's CSP lets scripts come only from app://photoscribe, where the app serves them; the
 * dev server (npm run dev) serves them from its own origin, with React's inline refresh preamble.
 */
const devServerCsp: Plugin = {
  name: 'photoscribe-dev-server-csp',
  apply: 'serve',
  transformIndexHtml: (html) =>
    html.replace('script-src app://photoscribe', "script-src 'self' 'unsafe-inline'")
}

const shared = { '@shared': resolve(import.meta.dirname, 'src/shared') }

export default defineConfig({
  main: {
    resolve: { alias: shared },
    build: {
      // electron-store is ESM-only: bundle it into the CJS main (see docs/development.md).
      externalizeDeps: { exclude: ['electron-store'] },
      // ES2021 lowers class private fields (in bundled electron-store/conf), which the security
      // scanner's parser cannot read; Electron's Node runs either.
      target: 'node11',
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
    plugins: [react(), devServerCsp]
  }
})
