import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '../..')
const require = createRequire(import.meta.url)

interface Finding {
  id: string
  file: string
  /** Electronegativity's "review this" prompts, as opposed to findings of a weakness. */
  manualReview?: boolean
}

/**
 * Electronegativity's own runner, offline: it fetches translations and Electron's release list over
 * the network, which this machine (and CI) must not reach, so its HTTP client is replaced first.
 */
async function scan(input: string): Promise<Finding[]> {
  const base = dirname(require.resolve('@doyensec/electronegativity/package.json'))
  const gotPath = require.resolve('got', { paths: [base] })
  const offline = (): Promise<never> => Promise.reject(new Error('offline'))
  require.cache[gotPath] = {
    id: gotPath,
    filename: gotPath,
    loaded: true,
    exports: Object.assign(offline, { default: offline, get: offline })
  } as unknown as NodeJS.Module
  const run = require('@doyensec/electronegativity') as (o: object) => Promise<{
    issues: { id: string; file: string; manualReview: boolean }[]
    errors: { file: string; message: string }[]
  }>
  const electron = (
    require(join(ROOT, 'package.json')) as { devDependencies: Record<string, string> }
  ).devDependencies.electron.replace(/^\D*/, '')
  // Its CSV report goes beside vitest's (a clean clone has no such folder yet).
  mkdirSync(join(ROOT, 'test-results'), { recursive: true })
  const result = await run({
    input: join(ROOT, input),
    output: join(ROOT, 'test-results', `electronegativity-${input.replace(/\W/g, '-')}.csv`),
    isSarif: false,
    customScan: [],
    isRelative: true,
    electronVersionOverride: electron
  })
  return [
    ...result.issues.map((i) => ({ id: i.id, file: i.file, manualReview: i.manualReview })),
    ...result.errors.map((e) => ({
      id: 'PARSE_ERROR',
      file: e.file.replace(`${join(ROOT, input)}/`, '')
    }))
  ]
}

/**
 * The one prompt to review that any sandboxed app with a bridge gets: "a preload script is used"
 * (manual review, not a weakness). Ours is the narrow, zod-free api of src/preload, tested there.
 */
const PRELOAD_REVIEW: Finding = {
  id: 'PRELOAD_JS_CHECK',
  file: 'main/window.ts',
  manualReview: true
}

describe('Electronegativity (Electron security anti-patterns)', () => {
  it('finds nothing in the sources (no allow-list): only the prompt to review the preload', async () => {
    expect(await scan('src')).toEqual([PRELOAD_REVIEW])
  }, 120_000)

  it('finds nothing in the built app: main bundle, preload, renderer and its CSP', async () => {
    expect(await scan('out')).toEqual([])
  }, 120_000)
})
