import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

/** The shared odd-image corpus (../shared/fixtures/images, see SOURCES.md there). */
export const FIXTURE_DIR = join(import.meta.dirname, '../../../shared/fixtures/images')

export function fixture(name: string): Promise<Buffer> {
  return readFile(join(FIXTURE_DIR, name))
}
