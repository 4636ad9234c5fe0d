import { existsSync } from 'node:fs'
import { join } from 'node:path'

/*
 * What the app needs to know of the demo without loading the simulator: the sample photos and the
 * demo key and limits. The simulator itself (demo.ts) is imported only when the demo is opened.
 */

/** The sample photos shipped for the demo (resources/samples, see SOURCES.md there). */
export function samplesDir(): string {
  const candidates = [
    join(process.cwd(), 'resources', 'samples'),
    join(import.meta.dirname, '..', 'resources', 'samples'),
    join(import.meta.dirname, '..', '..', 'resources', 'samples'),
    join(import.meta.dirname, '..', '..', '..', 'resources', 'samples')
  ]
  const found = candidates.find((dir) => existsSync(dir))
  if (!found)
    throw new Error('The demo photos (resources/samples) are missing from this installation.')
  return found
}

export const DEMO_KEY = 'sk-demo-0000'

/** The limits the demo tells the scheduler (twice the simulator's, as a wrong tier would). */
export const DEMO_LIMITS = { rpm: 120, tpm: 400_000 }
