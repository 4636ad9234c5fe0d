import { readFile, stat } from 'node:fs/promises'
import { extname } from 'node:path'
import ExcelJS from 'exceljs'
import { decodeText, type DecodedText, type SheetEncoding } from './text-encoding'
import { checkZip } from './zip-guard'

/** A sheet as text: its header row and the rows under it (and, for CSV, how its bytes were read). */
export interface Table {
  headers: string[]
  rows: string[][]
  encoding?: Pick<DecodedText, 'encoding' | 'how'>
}

/** Sheets larger than these are refused: bytes before reading, rows as they are read. */
export const MAX_SHEET_BYTES = 50 * 1024 * 1024
export const MAX_SHEET_ROWS = 200_000

/** A sheet with more data rows than the cap, found while reading (nothing more is held). */
export class TooManyRows extends Error {
  constructor() {
    super(
      `The sheet has more than ${MAX_SHEET_ROWS.toLocaleString('en')} rows; Photoscribe reads up to ${MAX_SHEET_ROWS.toLocaleString('en')}.`
    )
  }
}

/**
 * Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF), ignoring a UTF-8 BOM; past
 * `maxRows` rows it stops with `TooManyRows`.
 */
export function parseCsv(text: string, maxRows = Infinity): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  const input = text.replace(/^\uFEFF/, '')
  const endField = (): void => {
    row.push(field)
    field = ''
  }
  for (let i = 0; i < input.length; i++) {
    const c = input[i]
    if (quoted && c === '"' && input[i + 1] === '"') {
      field += '"'
      i++
    } else if (quoted) {
      if (c === '"') quoted = false
      else field += c
    } else if (c === '"' && field === '') quoted = true
    else if (c === ',') endField()
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && input[i + 1] === '\n') i++
      endField()
      if (row.some((cell) => cell !== '') && rows.push(row) > maxRows) throw new TooManyRows()
      row = []
    } else field += c
  }
  if (field !== '' || row.length > 0) {
    endField()
    if (row.some((cell) => cell !== '') && rows.push(row) > maxRows) throw new TooManyRows()
  }
  return rows
}

/** Tab-separated text (a Merchant Center feed): a row per line, no quoting. */
export function parseTsv(text: string, maxRows = Infinity): string[][] {
  const rows = text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .filter((line) => line !== '')
    .map((line) => line.split('\t'))
  if (rows.length > maxRows) throw new TooManyRows()
  return rows
}

/**
 * Reads a CSV (in its own encoding: `encoding` when chosen, else detected) or an XLSX file (first
 * sheet) as text cells; oversized sheets are refused before they are held.
 */
export async function readTable(
  path: string,
  options: { encoding?: SheetEncoding } = {}
): Promise<Table> {
  const ext = extname(path).toLowerCase()
  const { size } = await stat(path)
  if (size > MAX_SHEET_BYTES)
    throw new Error(
      `The sheet is ${Math.round(size / 1024 ** 2)} MB; Photoscribe reads sheets up to ${MAX_SHEET_BYTES / 1024 ** 2} MB.`
    )
  if (ext === '.csv' || ext === '.tsv') {
    const { text, encoding, how } = decodeText(await readFile(path), options.encoding)
    const [headers = [], ...rows] =
      ext === '.tsv' ? parseTsv(text, MAX_SHEET_ROWS + 1) : parseCsv(text, MAX_SHEET_ROWS + 1)
    return { headers: headers.map((h) => h.trim()), rows, encoding: { encoding, how } }
  }
  if (ext !== '.xlsx')
    throw new Error(`Photoscribe reads .csv, .tsv or .xlsx sheets; got "${path}".`)
  const [headers = [], ...rows] = await readXlsx(path)
  return { headers: headers.map((h) => h.trim()), rows }
}

/** The first sheet's rows, streamed: past the row cap it stops before holding more. */
async function readXlsx(path: string): Promise<string[][]> {
  await checkZip(await readFile(path))
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(path, {
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'ignore',
    worksheets: 'emit'
  })
  const cells: string[][] = []
  for await (const sheet of reader) {
    for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
      const values = (row.values as unknown[]).slice(1).map((v) => cellText(v))
      if (values.some((cell) => cell !== '') && cells.push(values) > MAX_SHEET_ROWS + 1)
        throw new TooManyRows()
    }
    break
  }
  return cells
}

function cellText(value: unknown): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'object' && 'richText' in value)
    return (value as { richText: { text: string }[] }).richText.map((r) => r.text).join('')
  if (typeof value === 'object' && 'text' in value) return String((value as { text: unknown }).text)
  // A formula is read as the value it last showed, never as the formula (none saved: empty).
  if (typeof value === 'object' && ('formula' in value || 'sharedFormula' in value))
    return cellText((value as { result?: unknown }).result)
  if (typeof value === 'object' && 'error' in value) return ''
  if (value instanceof Date) return value.toISOString().slice(0, 10)
  return String(value)
}
