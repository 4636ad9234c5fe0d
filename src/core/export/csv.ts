import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import type { Column } from './columns'
import type { ResultRow } from './rows'
import { csvCell } from './sanitize'

/** One CSV field, RFC 4180: quoted when it holds a comma, quote, CR or LF (quotes doubled). */
export function csvField(value: string | number | boolean): string {
  const text = typeof value === 'string' ? csvCell(value) : String(value)
  return /[",\r\n]/.test(text) || /^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text
}

/** Writes UTF-8 CSV with a BOM (so Excel reads the accents right) and CRLF line ends, streamed. */
export async function writeCsv(
  path: string,
  columns: readonly Column[],
  rows: Iterable<ResultRow>
): Promise<void> {
  const out = createWriteStream(path, { encoding: 'utf8' })
  const write = async (line: string): Promise<void> => {
    if (!out.write(`${line}\r\n`)) await once(out, 'drain')
  }
  out.write('\uFEFF')
  await write(columns.map((c) => csvField(c.header)).join(','))
  for (const row of rows) await write(columns.map((c) => csvField(c.value(row))).join(','))
  out.end()
  await once(out, 'finish')
}
