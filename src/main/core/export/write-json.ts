import { writeFile } from 'node:fs/promises'
import type { ResultRow } from './rows'

/** Writes rows as a JSON array, or one object per line (`lines`, for `.jsonl`). */
export async function writeJsonRows(
  path: string,
  rows: readonly ResultRow[],
  lines: boolean
): Promise<void> {
  const text = lines
    ? rows.map((r) => JSON.stringify(r)).join('\n') + '\n'
    : JSON.stringify(rows, null, 2)
  await writeFile(path, text)
}
