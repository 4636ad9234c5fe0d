import { writeFileAtomic } from '../jobs/atomic-file'
import type { ResultRow } from './rows'

/** Writes rows as a JSON array (`.json`) or one object per line (`.jsonl`). */
export async function writeJsonRows(path: string, rows: readonly ResultRow[]): Promise<void> {
  const text = path.toLowerCase().endsWith('.jsonl')
    ? rows.map((r) => JSON.stringify(r)).join('\n') + '\n'
    : JSON.stringify(rows, null, 2)
  await writeFileAtomic(path, text)
}
