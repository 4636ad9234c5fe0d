import { ZipWriter } from '../files/zip-writer'
import type { ResultRow } from './rows'
import { fitCell } from './sanitize'
import type { SheetColumn, SheetSpec } from './xlsx-layout'
import { columnLetter, countedText, letters, type ColumnPlaces } from './xlsx-cells'

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const PKG = 'http://schemas.openxmlformats.org/package/2006'
const XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
/** Style ids in `styles.xml`: plain, wrapped at the top, the header. */
const STYLE = { plain: 0, wrap: 1, header: 2 } as const
/** Rows put into the zip at once: a few hundred kilobytes of XML. */
const ROWS_PER_PUT = 200

/**
 * Writes a large results workbook straight to its zip, row by row: the same sheets, frozen
 * header, filters, widths, wrapped text, live `LEN()` counts and print setup as the small one,
 * with the XML made as it is written (inline strings, no shared-string table), so memory stays
 * flat however many rows there are. Its own writer because ExcelJS's streamed one keeps a
 * garbage object per cell and never waits for its zip.
 */
export async function writeXlsxStream(
  path: string,
  sheets: readonly SheetSpec[],
  rows: Iterable<ResultRow> & { length: number }
): Promise<void> {
  const zip = await ZipWriter.create(path)
  try {
    await zip.entry('[Content_Types].xml', (put) => put(contentTypes(sheets.length)))
    await zip.entry('_rels/.rels', (put) => put(rootRels()))
    await zip.entry('xl/workbook.xml', (put) => put(workbook(sheets, rows.length)))
    await zip.entry('xl/_rels/workbook.xml.rels', (put) => put(workbookRels(sheets.length)))
    await zip.entry('xl/styles.xml', (put) => put(styles()))
    for (const [i, spec] of sheets.entries())
      await zip.entry(`xl/worksheets/sheet${i + 1}.xml`, (put) => writeSheet(put, spec, rows))
    await zip.close()
  } catch (error) {
    zip.abandon()
    throw error
  }
}

async function writeSheet(
  put: (text: string) => Promise<void>,
  spec: SheetSpec,
  rows: Iterable<ResultRow> & { length: number }
): Promise<void> {
  const last = columnLetter(spec.columns.length)
  await put(sheetStart(spec, `A1:${last}${rows.length + 1}`))
  const where = letters(spec.columns)
  const places = spec.columns.map((_, i) => columnLetter(i + 1))
  const header = spec.columns.map((c, i) => cell(`${places[i]}1`, c.header, STYLE.header))
  let chunk = `<row r="1" s="${STYLE.header}" customFormat="1">${header.join('')}</row>`
  let n = 1
  for (const row of rows) {
    n++
    chunk += rowXml(
      n,
      spec.columns.map((column, i) => valueCell(column, row, places[i], n, where))
    )
    if (n % ROWS_PER_PUT === 0) {
      await put(chunk)
      chunk = ''
    }
  }
  await put(`${chunk}</sheetData><autoFilter ref="A1:${last}1"/>${sheetEnd(spec)}</worksheet>`)
}

function valueCell(
  column: SheetColumn,
  row: ResultRow,
  letter: string,
  rowNumber: number,
  where: ColumnPlaces
): string {
  const ref = `${letter}${rowNumber}`
  const counted = column.countsOf ? where.get(column.countsOf) : undefined
  if (counted) {
    const length = [...countedText(counted.column, row)].length
    return `<c r="${ref}"><f>LEN(${counted.letter}${rowNumber})</f><v>${length}</v></c>`
  }
  const value = column.value(row)
  if (typeof value === 'number')
    return Number.isFinite(value) ? `<c r="${ref}"><v>${value}</v></c>` : ''
  return cell(ref, String(value), column.wrap ? STYLE.wrap : STYLE.plain)
}

/** A text cell, typed as text (no spreadsheet runs it), empty text too (as the small workbook). */
function cell(ref: string, raw: string, style: number): string {
  const text = fitCell(raw)
  const s = style ? ` s="${style}"` : ''
  return `<c r="${ref}" t="inlineStr"${s}><is><t xml:space="preserve">${escapeXml(text)}</t></is></c>`
}

const rowXml = (n: number, cells: string[]): string => `<row r="${n}">${cells.join('')}</row>`

function escapeXml(text: string): string {
  return text.replace(
    /[&<>"]/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!
  )
}

function sheetStart(spec: SheetSpec, dimension: string): string {
  const cols = spec.columns
    .map(
      (c, i) =>
        `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${c.wrap ? ` style="${STYLE.wrap}"` : ''}/>`
    )
    .join('')
  const fit = spec.print ? '<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>' : ''
  const pane =
    '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/>'
  return `${XML}<worksheet xmlns="${MAIN}" xmlns:r="${REL}">${fit}<dimension ref="${dimension}"/><sheetViews><sheetView workbookViewId="0">${pane}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${cols}</cols><sheetData>`
}

function sheetEnd(spec: SheetSpec): string {
  const margins =
    '<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>'
  return spec.print
    ? `${margins}<pageSetup orientation="landscape" fitToWidth="1" fitToHeight="0"/>`
    : margins
}

function contentTypes(sheets: number): string {
  const type = 'application/vnd.openxmlformats-officedocument.spreadsheetml'
  const sheetTypes = Array.from(
    { length: sheets },
    (_, i) =>
      `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${type}.worksheet+xml"/>`
  ).join('')
  return `${XML}<Types xmlns="${PKG}/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="${type}.sheet.main+xml"/><Override PartName="/xl/styles.xml" ContentType="${type}.styles+xml"/>${sheetTypes}</Types>`
}

function rootRels(): string {
  return `${XML}<Relationships xmlns="${PKG}/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`
}

function workbook(sheets: readonly SheetSpec[], rows: number): string {
  const list = sheets
    .map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`)
    .join('')
  const names = sheets
    .flatMap((s, i) => {
      const quoted = `'${s.name.replace(/'/g, "''")}'`
      const last = columnLetter(s.columns.length)
      const filter = `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(quoted)}!$A$1:$${last}$${rows + 1}</definedName>`
      const titles = s.print
        ? `<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${escapeXml(quoted)}!$1:$1</definedName>`
        : ''
      return [filter, titles]
    })
    .join('')
  return `${XML}<workbook xmlns="${MAIN}" xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>${list}</sheets><definedNames>${names}</definedNames></workbook>`
}

function workbookRels(sheets: number): string {
  const rels = Array.from(
    { length: sheets },
    (_, i) =>
      `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`
  ).join('')
  return `${XML}<Relationships xmlns="${PKG}/relationships">${rels}<Relationship Id="rId${sheets + 1}" Type="${REL}/styles" Target="styles.xml"/></Relationships>`
}

function styles(): string {
  const fonts =
    '<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>'
  const fills =
    '<fills count="3"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill><fill><patternFill patternType="solid"><fgColor rgb="FFE8EDFF"/><bgColor indexed="64"/></patternFill></fill></fills>'
  const borders =
    '<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>'
  const xfs =
    '<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment vertical="top" wrapText="1"/></xf><xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1" applyAlignment="1"><alignment vertical="center" wrapText="1"/></xf></cellXfs>'
  return `${XML}<styleSheet xmlns="${MAIN}">${fonts}${fills}${borders}<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>${xfs}<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`
}
