import { rename, rm } from 'node:fs/promises'
import { basename, dirname, extname, join } from 'node:path'
import { resultColumns } from './columns'
import { writeCsv } from './csv'
import type { ResultRow, RowList } from './rows'
import { writeJsonRows } from './write-json'
import { writeXlsx, type XlsxOptions } from './xlsx'
import { workbookLayout } from './xlsx-layout'

export const EXPORT_FORMATS = ['.xlsx', '.csv', '.json', '.jsonl'] as const

/** True when `path` ends in a format Photoscribe writes. */
export function isExportPath(path: string): boolean {
  return (EXPORT_FORMATS as readonly string[]).includes(extname(path).toLowerCase())
}

/**
 * Writes results in the format the file name asks for: XLSX, CSV, JSON or JSON lines. The file
 * is written beside the target and renamed over it only when complete, so a failed export never
 * truncates a sheet the user has been editing.
 */
export async function writeResults(
  path: string,
  rows: RowList | readonly ResultRow[],
  fields: readonly { name: string; label: string; type?: string; rules?: { maxLength?: number } }[],
  options: XlsxOptions = {}
): Promise<void> {
  const format = extname(path).toLowerCase()
  const columns = resultColumns(fields)
  const partial = join(dirname(path), `.${basename(path)}.partial-${process.pid}`)
  try {
    if (format === '.xlsx') await writeXlsx(partial, workbookLayout(fields), rows, options)
    else if (format === '.csv') await writeCsv(partial, columns, rows)
    else await writeJsonRows(partial, rows, format === '.jsonl')
    await rename(partial, path)
  } catch (error) {
    await rm(partial, { force: true })
    throw error
  }
}
