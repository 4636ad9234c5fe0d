import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * Points every test worker's temp folder (TMPDIR) at one folder for this run and removes it at
 * the end. Teardown then checks the real temp folder: anything `photoscribe-*` made during the
 * run outside that folder is a test that forgot to use the helper, and fails the run.
 */
export default function setup(): () => void {
  const osTemp = tmpdir()
  const startedAt = Date.now() - 1000
  const root = mkdtempSync(join(osTemp, 'photoscribe-test-run-'))
  process.env.TMPDIR = root
  return () => {
    rmSync(root, { recursive: true, force: true })
    process.env.TMPDIR = osTemp
    const leftovers = readdirSync(osTemp).filter(
      (name) =>
        name.startsWith('photoscribe-') &&
        !name.startsWith('photoscribe-test-run-') && // another test run's own root
        statSync(join(osTemp, name)).ctimeMs >= startedAt
    )
    if (leftovers.length > 0)
      throw new Error(`Tests left these in ${osTemp}: ${leftovers.join(', ')}`)
  }
}
