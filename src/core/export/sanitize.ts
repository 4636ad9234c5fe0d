/** Excel's cell limit; longer text is cut and marked. */
export const MAX_CELL_CHARS = 32_767
const CUT_MARKER = ' …[cut]'

// What a spreadsheet runs as a formula, full-width forms too; tab, CR and LF start one in some.
const TRIGGER = '=+\\-@\\t\\r\\n\\uFF1D\\uFF0B\\uFF0D\\uFF20'
/**
 * A trigger at the start of the cell or right after a list separator (`,` in English, `;` in
 * German, French or Spanish Excel, tab, `|`), spaces and no-break spaces allowed before it:
 * opened with that separator, each piece becomes a cell of its own and would run.
 */
const RISKY = new RegExp(`(^|[,;|\\t])([ \\u00A0]*)(?=[${TRIGGER}])`, 'g')

/**
 * CSV text that stays text in any spreadsheet program and locale: a `'` goes before every piece
 * that would start a formula. XLSX does not need this: its cells are typed strings.
 */
export function csvCell(text: string): string {
  return fitCell(
    text.replace(RISKY, (_match, separator: string, spaces: string) => `${separator}'${spaces}`)
  )
}

// What a spreadsheet runs as a formula at the very start of a cell (an import file's cells).
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/

/**
 * A shop import file's cell guard: `mark` (one character the shop's importer drops, a space or
 * WooCommerce's `'`) before text that would start a formula. Only the start: a shop's cell is
 * read whole, never split at separators.
 */
export function markFormulaStart(text: string, mark: string): string {
  return FORMULA_START.test(text) ? `${mark}${text}` : text
}

/** The text `markFormulaStart` guarded, as it was (for edits brought back from a shop file). */
export function unmarkFormulaStart(cell: string, mark: string): string {
  return cell.startsWith(mark) && FORMULA_START.test(cell.slice(mark.length))
    ? cell.slice(mark.length)
    : cell
}

const GUARDED = new RegExp(`(^|[,;|\\t])'([ \\u00A0]*)(?=[${TRIGGER}])`, 'g')

/** The text a `csvCell` guarded, as it was (for edits brought back from an exported CSV). */
export function csvCellText(cell: string): string {
  return cell.replace(
    GUARDED,
    (_match, separator: string, spaces: string) => `${separator}${spaces}`
  )
}

/**
 * What XML 1.0 forbids (C0 controls but tab, CR and LF; U+FFFE, U+FFFF; lone surrogates): one such
 * character in a cell makes an XLSX invalid, and LibreOffice then blanks the sheet's text.
 */
/* eslint-disable no-control-regex -- matching control characters is the point */
const XML_FORBIDDEN =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g
/* eslint-enable no-control-regex */

/** Text any export may hold: the characters XML 1.0 forbids are dropped. */
export function exportText(text: string): string {
  return text.replace(XML_FORBIDDEN, '')
}

/** Cuts text over Excel's 32,767-character cell limit, with a marker (and drops what XML forbids). */
export function fitCell(raw: string): string {
  const text = exportText(raw)
  return text.length > MAX_CELL_CHARS
    ? text.slice(0, MAX_CELL_CHARS - CUT_MARKER.length) + CUT_MARKER
    : text
}
