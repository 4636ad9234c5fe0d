import ExcelJS from 'exceljs'
import type { ResultRow, RowList } from './rows'
import { fitCell } from './sanitize'
import type { SheetColumn, SheetSpec } from './xlsx-layout'
import { countedText, letters, type ColumnPlaces } from './xlsx-cells'
import { writeXlsxStream } from './xlsx-stream'

/** Above this many rows the workbook is streamed to disk, so memory stays bounded. */
export const STREAMING_THRESHOLD = 5_000

export interface XlsxOptions {
  /** A WebP/PNG/JPEG thumbnail per row, when the export should carry pictures. */
  thumbnail?: (row: ResultRow) => Buffer | null
}

const HEADER_FILL: ExcelJS.Fill = {
  type: 'pattern',
  pattern: 'solid',
  fgColor: { argb: 'FFE8EDFF' }
}

/**
 * Writes the results workbook, one worksheet per spec: bold frozen header with filters, widths,
 * wrapped text where a column wraps, text as typed strings, character counts as live `LEN()`
 * formulas, and the first sheet set up to print (landscape, fit to the page's width, the header
 * on every page). Above 5,000 rows it is streamed by our own writer (no thumbnails then).
 */
export async function writeXlsx(
  path: string,
  sheets: readonly SheetSpec[],
  rows: RowList | readonly ResultRow[],
  options: XlsxOptions = {}
): Promise<void> {
  if (rows.length > STREAMING_THRESHOLD) return writeXlsxStream(path, sheets, rows)
  const workbook = new ExcelJS.Workbook()
  for (const [i, spec] of sheets.entries()) {
    const pictures = i === 0 && options.thumbnail ? options.thumbnail : null
    writeSheet(workbook, spec, rows, pictures)
  }
  await workbook.xlsx.writeFile(path)
}

function writeSheet(
  workbook: ExcelJS.Workbook,
  spec: SheetSpec,
  rows: Iterable<ResultRow>,
  pictures: XlsxOptions['thumbnail'] | null
): void {
  const sheet = workbook.addWorksheet(spec.name, { views: [{ state: 'frozen', ySplit: 1 }] })
  const columns: SheetColumn[] = pictures
    ? [{ header: 'Thumbnail', width: 14, value: () => '' }, ...spec.columns]
    : [...spec.columns]
  sheet.columns = columns.map((c) => ({
    header: fitCell(c.header),
    width: c.width,
    ...(c.wrap ? { style: { alignment: { wrapText: true, vertical: 'top' } } } : {})
  }))
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.fill = HEADER_FILL
  header.alignment = { wrapText: true, vertical: 'middle' }
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: columns.length } }
  if (spec.print) setUpPrinting(sheet)
  const where = letters(columns)
  let rowNumber = 1
  for (const row of rows) {
    rowNumber++
    sheet.addRow(columns.map((c) => cellOf(c, row, rowNumber, where)))
    if (pictures) addPicture(workbook, sheet, pictures(row), rowNumber)
  }
}

function cellOf(
  column: SheetColumn,
  row: ResultRow,
  rowNumber: number,
  where: ColumnPlaces
): ExcelJS.CellValue {
  const counted = column.countsOf ? where.get(column.countsOf) : undefined
  if (counted) {
    // A live count (it follows edits made in the sheet), with the count as written cached.
    const text = countedText(counted.column, row)
    return { formula: `LEN(${counted.letter}${rowNumber})`, result: [...text].length }
  }
  const value = column.value(row)
  // XLSX cells are written as typed strings, which no spreadsheet runs: only the length is cut.
  return typeof value === 'string' ? fitCell(value) : value
}

function setUpPrinting(sheet: ExcelJS.Worksheet): void {
  sheet.pageSetup = {
    ...sheet.pageSetup,
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    printTitlesRow: '1:1'
  }
}

function addPicture(
  workbook: ExcelJS.Workbook,
  sheet: ExcelJS.Worksheet,
  picture: Buffer | null,
  rowNumber: number
): void {
  if (!picture) return
  const extension = picture.subarray(0, 4).toString('latin1') === '\x89PNG' ? 'png' : 'jpeg'
  const id = workbook.addImage({ buffer: picture as unknown as ExcelJS.Buffer, extension })
  sheet.getRow(rowNumber).height = 64
  sheet.addImage(id, { tl: { col: 0.1, row: rowNumber - 1 + 0.1 }, ext: { width: 80, height: 80 } })
}
