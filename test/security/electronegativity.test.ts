import { mkdirSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { describe, expect, it } from 'vitest'
import allowList from './electronegativity-allow.json'

const ROOT = join(import.meta.dirname, '../..')
const require = createRequire(import.meta.url)

interface Finding {
  id: string
  file: string
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
    issues: { id: string; file: string }[]
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
    ...result.issues.map((i) => ({ id: i.id, file: i.file })),
    ...result.errors.map((e) => ({
      id: 'PARSE_ERROR',
      file: e.file.replace(`${join(ROOT, input)}/`, '')
    }))
  ]
}

const allowed = (f: Finding): boolean => allowList.some((a) => a.id === f.id && a.file === f.file)

describe('Electronegativity (Electron security anti-patterns)', () => {
  it('finds nothing in the sources that the reviewed allow-list does not explain', async () => {
    const findings = await scan('src')
    expect(findings.filter((f) => !allowed(f))).toEqual([])
    // Every entry still matches a finding here or in the built app: no stale excuses.
    const built = await scan('out')
    const all = [...findings, ...built]
    expect(allowList.filter((a) => !all.some((f) => f.id === a.id && f.file === a.file))).toEqual(
      []
    )
  }, 120_000)

  it('finds nothing in the built renderer and preload beyond the allow-list', async () => {
    // The app-wide checks (navigation limits, a permission handler) need the main process, whose
    // bundle this parser cannot walk (allow-listed): the sources' scan above makes those checks.
    const findings = (await scan('out')).filter(
      (f) => f.file !== 'N/A' || !f.id.endsWith('GLOBAL_CHECK')
    )
    expect(findings.filter((f) => !allowed(f))).toEqual([])
  }, 120_000)
})
