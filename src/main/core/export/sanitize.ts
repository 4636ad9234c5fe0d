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

const GUARDED = new RegExp(`(^|[,;|\\t])'([ \\u00A0]*)(?=[${TRIGGER}])`, 'g')

/** The text a `csvCell` guarded, as it was (for edits brought back from an exported CSV). */
export function csvCellText(cell: string): string {
  return cell.replace(
    GUARDED,
    (_match, separator: string, spaces: string) => `${separator}${spaces}`
  )
}

/** Cuts text over Excel's 32,767-character cell limit, with a marker. */
export function fitCell(text: string): string {
  return text.length > MAX_CELL_CHARS
    ? text.slice(0, MAX_CELL_CHARS - CUT_MARKER.length) + CUT_MARKER
    : text
}
