import ExcelJS from 'exceljs'
import type { Column } from './columns'
import type { ResultRow } from './rows'
import { fitCell } from './sanitize'

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

/** Writes the results workbook: styled, frozen header, filters, sensible widths, text as strings. */
export async function writeXlsx(
  path: string,
  columns: readonly Column[],
  rows: readonly ResultRow[],
  options: XlsxOptions = {}
): Promise<void> {
  const streaming = rows.length > STREAMING_THRESHOLD
  const workbook = streaming
    ? new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true })
    : new ExcelJS.Workbook()
  const sheet = workbook.addWorksheet('Results', { views: [{ state: 'frozen', ySplit: 1 }] })
  const pictures = !streaming && options.thumbnail ? options.thumbnail : null
  const all = pictures
    ? [{ header: 'Thumbnail', width: 14, value: () => '' } as Column, ...columns]
    : [...columns]
  sheet.columns = all.map((c) => ({ header: fitCell(c.header), width: c.width }))
  const header = sheet.getRow(1)
  header.font = { bold: true }
  header.fill = HEADER_FILL
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: all.length } }
  if (streaming) header.commit()
  for (const [index, row] of rows.entries()) {
    const added = sheet.addRow(all.map((c) => cell(c.value(row))))
    if (pictures) addPicture(workbook as ExcelJS.Workbook, sheet, pictures(row), index + 2)
    if (streaming) added.commit()
  }
  if (streaming) await (workbook as ExcelJS.stream.xlsx.WorkbookWriter).commit()
  else await (workbook as ExcelJS.Workbook).xlsx.writeFile(path)
}

// XLSX cells are written as typed strings, which no spreadsheet runs: only the length is cut.
function cell(value: string | number | boolean): string | number | boolean {
  return typeof value === 'string' ? fitCell(value) : value
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
