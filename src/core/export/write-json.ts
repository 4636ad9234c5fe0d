import { writeFile } from 'node:fs/promises'
import type { ResultRow } from './rows'
import { exportText } from './sanitize'

/** Every string as any export holds it (no characters XML 1.0 forbids, as in XLSX and CSV). */
const clean = (_key: string, value: unknown): unknown =>
  typeof value === 'string' ? exportText(value) : value

/** Writes rows as a JSON array, or one object per line (`lines`, for `.jsonl`). */
export async function writeJsonRows(
  path: string,
  given: Iterable<ResultRow>,
  lines: boolean
): Promise<void> {
  const rows = [...given]
  const text = lines
    ? rows.map((r) => JSON.stringify(r, clean)).join('\n') + '\n'
    : JSON.stringify(rows, clean, 2)
  await writeFile(path, text)
}
