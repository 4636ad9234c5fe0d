import { mkdtemp } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/**
 * A fresh folder for one test. It lives under the run's own temp root (see
 * `test/setup/temp-root.ts`), which is removed when the run ends, so tests leave nothing behind.
 */
export function tempDir(prefix: string): Promise<string> {
  return mkdtemp(join(tmpdir(), `photoscribe-${prefix}-`))
}
