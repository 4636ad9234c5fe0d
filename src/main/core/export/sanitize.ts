/** Excel's cell limit; longer text is cut and marked. */
export const MAX_CELL_CHARS = 32_767
const CUT_MARKER = ' …[cut]'

/** Prefixes a spreadsheet would run as a formula (reliability-security.md §3), full-width forms too. */
const DANGEROUS_START = /^[=+\-@\t\r\n\uFF1D\uFF0B\uFF0D\uFF20]/

/**
 * Makes untrusted text (model output, file names) inert in a spreadsheet: a leading `'` stops
 * formula evaluation, and text over 32,767 characters is cut with a marker.
 */
export function safeCell(text: string): string {
  const inert = DANGEROUS_START.test(text) ? `'${text}` : text
  return inert.length > MAX_CELL_CHARS
    ? inert.slice(0, MAX_CELL_CHARS - CUT_MARKER.length) + CUT_MARKER
    : inert
}
