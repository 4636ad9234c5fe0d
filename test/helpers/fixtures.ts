import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

/** The odd-image corpus in `test/fixtures/images` (README.md there says what each is for). */
export const FIXTURE_DIR = join(import.meta.dirname, '../fixtures/images')

export function fixture(name: string): Promise<Buffer> {
  return readFile(join(FIXTURE_DIR, name))
}
