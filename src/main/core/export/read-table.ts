import { readFile } from 'node:fs/promises'
import { extname } from 'node:path'
import ExcelJS from 'exceljs'

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

/** Reads a CSV or XLSX file (first sheet) as text cells. */
export async function readTable(path: string): Promise<Table> {
  const ext = extname(path).toLowerCase()
  let cells: string[][]
  if (ext === '.csv') cells = parseCsv(await readFile(path, 'utf8'))
  else if (ext === '.xlsx') cells = await readXlsx(path)
  else throw new Error(`Photoscribe reads .csv or .xlsx sheets; got "${path}".`)
  const [headers = [], ...rows] = cells
  return { headers: headers.map((h) => h.trim()), rows }
}

async function readXlsx(path: string): Promise<string[][]> {
  const book = new ExcelJS.Workbook()
  await book.xlsx.readFile(path)
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
  if (typeof value === 'object' && 'result' in value)
    return String((value as { result: unknown }).result)
  return String(value)
}
