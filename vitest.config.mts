import { resolve } from 'node:path'
import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

const alias = {
  '@shared': resolve(import.meta.dirname, 'src/shared'),
  '@renderer': resolve(import.meta.dirname, 'src/renderer/src')
}

/**
 * The day every suite lives in: model lifecycles (shutdown dates, warnings) are judged by it, in
 * the engine (PHOTOSCRIBE_TODAY) and the simulator alike, never by the real clock.
 */
const env = { PHOTOSCRIBE_TODAY: '2026-12-06' }

/** Suites that take a minute or more of wall time each: a project of their own. */
const LONG = [
  'test/reliability/fault-matrix.test.ts',
  'test/cli/crash-resume.test.ts',
  'test/cli/batch-crash.test.ts',
  'test/models/learning-matrix.test.ts',
  'test/core/export/shop-in-calc.test.ts'
]

/**
 * Browser suites as long: every screen at two sizes in two languages through a whole run, and the
 * window's eight scenarios (over two minutes together, which pushed `npm test` past 5 minutes).
 */
const LONG_WEB = ['test/e2e/screens.e2e.test.ts', 'test/e2e/window.e2e.test.ts']

export default defineConfig({
  test: {
    // One temp root per run, removed at the end, with a check that nothing leaked outside it.
    globalSetup: ['test/setup/temp-root.ts'],
    // Most suites wait on a simulated network, not the CPU: on a 2-core machine vitest's default
    // (cores - 1 = one worker) runs them one by one. Four at a time took test:unit from 495 s to
    // 338 s but crowded the timing of a few suites; three is the measured compromise.
    maxWorkers: 3,
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'node',
          // Files share one module cache per worker instead of importing the engine afresh for
          // each: the node project took 203 s isolated and 127 s shared on a 2-core machine.
          // Suites keep their state in temp folders and per-test objects, not module globals.
          isolate: false,
          // electron-store imports 'electron': inline it so the shared mock reaches it.
          server: { deps: { inline: ['electron-store'] } },
          environment: 'node',
          env,
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/renderer/**', ...LONG],
          setupFiles: ['test/setup/electron-mock.ts'],
          testTimeout: 20_000
        }
      },
      {
        // The long suites (kills at random moments, the fault matrix): `npm run test:long`, which
        // .ci/run runs after `npm test`.
        resolve: { alias },
        test: {
          name: 'long',
          server: { deps: { inline: ['electron-store'] } },
          environment: 'node',
          env,
          include: LONG,
          setupFiles: ['test/setup/electron-mock.ts'],
          testTimeout: 120_000
        }
      },
      {
        resolve: { alias },
        plugins: [react()],
        test: {
          name: 'jsdom',
          environment: 'jsdom',
          env,
          include: ['test/renderer/**/*.test.tsx'],
          setupFiles: ['test/renderer/setup.ts']
        }
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e-web',
          environment: 'node',
          env,
          include: ['test/e2e/**/*.e2e.test.ts'],
          exclude: LONG_WEB,
          globalSetup: ['test/setup/e2e-global.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000
        }
      },
      {
        resolve: { alias },
        test: {
          name: 'long-web',
          environment: 'node',
          env,
          include: LONG_WEB,
          globalSetup: ['test/setup/e2e-global.ts'],
          testTimeout: 240_000,
          hookTimeout: 60_000
        }
      }
    ]
  }
})
