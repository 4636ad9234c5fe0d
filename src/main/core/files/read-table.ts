import { readFile, stat } from 'node:fs/promises'
import { extname } from 'node:path'
import ExcelJS from 'exceljs'
import { checkZip } from './zip-guard'

/** A sheet as text: its header row and the rows under it. */
export interface Table {
  headers: string[]
  rows: string[][]
}

/** Parses RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF), ignoring a UTF-8 BOM. */
export function parseCsv(text: string): string[][] {
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
      rows.push(row)
      row = []
    } else field += c
  }
  if (field !== '' || row.length > 0) {
    endField()
    rows.push(row)
  }
  return rows.filter((r) => r.some((cell) => cell !== ''))
}

/** Sheets larger than these are refused before they are parsed. */
export const MAX_SHEET_BYTES = 50 * 1024 * 1024
export const MAX_SHEET_ROWS = 200_000

/** Reads a CSV or XLSX file (first sheet) as text cells; oversized sheets are refused. */
export async function readTable(path: string): Promise<Table> {
  const ext = extname(path).toLowerCase()
  const { size } = await stat(path)
  if (size > MAX_SHEET_BYTES)
    throw new Error(
      `The sheet is ${Math.round(size / 1024 ** 2)} MB; Photoscribe reads sheets up to ${MAX_SHEET_BYTES / 1024 ** 2} MB.`
    )
  let cells: string[][]
  if (ext === '.csv') cells = parseCsv(await readFile(path, 'utf8'))
  else if (ext === '.xlsx') cells = await readXlsx(path)
  else throw new Error(`Photoscribe reads .csv or .xlsx sheets; got "${path}".`)
  if (cells.length > MAX_SHEET_ROWS + 1)
    throw new Error(
      `The sheet has ${cells.length - 1} rows; Photoscribe reads up to ${MAX_SHEET_ROWS.toLocaleString('en')}.`
    )
  const [headers = [], ...rows] = cells
  return { headers: headers.map((h) => h.trim()), rows }
}

async function readXlsx(path: string): Promise<string[][]> {
  const zip = await readFile(path)
  await checkZip(zip)
  const book = new ExcelJS.Workbook()
  await book.xlsx.load(zip as unknown as ExcelJS.Buffer)
  const sheet = book.worksheets[0]
  if (!sheet) return []
  const cells: string[][] = []
  sheet.eachRow((row) => {
    const values = row.values as unknown[]
    cells.push(values.slice(1).map((v) => cellText(v)))
  })
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
