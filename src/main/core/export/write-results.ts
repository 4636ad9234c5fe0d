import { extname } from 'node:path'
import { resultColumns } from './columns'
import { writeCsv } from './csv'
import type { ResultRow } from './rows'
import { writeJsonRows } from './write-json'
import { writeXlsx, type XlsxOptions } from './xlsx'

export const EXPORT_FORMATS = ['.xlsx', '.csv', '.json', '.jsonl'] as const

/** True when `path` ends in a format Photoscribe writes. */
export function isExportPath(path: string): boolean {
  return (EXPORT_FORMATS as readonly string[]).includes(extname(path).toLowerCase())
}

/** Writes results in the format the file name asks for: XLSX, CSV, JSON or JSON lines. */
export async function writeResults(
  path: string,
  rows: readonly ResultRow[],
  fields: readonly { name: string; label: string }[],
  options: XlsxOptions = {}
): Promise<void> {
  const format = extname(path).toLowerCase()
  const columns = resultColumns(fields)
  if (format === '.xlsx') return writeXlsx(path, columns, rows, options)
  if (format === '.csv') return writeCsv(path, columns, rows)
  return writeJsonRows(path, rows)
}
