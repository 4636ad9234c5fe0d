import type { ResultRow } from './rows'
import { fitCell } from './sanitize'
import type { SheetColumn } from './xlsx-layout'

/** A column's letters from its 1-based number: 1 → A, 27 → AA. */
export function columnLetter(n: number): string {
  let out = ''
  for (let k = n; k > 0; k = Math.floor((k - 1) / 26))
    out = String.fromCharCode(65 + ((k - 1) % 26)) + out
  return out
}

/** The text a count column counts: its column's cell as written. */
export function countedText(column: SheetColumn, row: ResultRow): string {
  return fitCell(String(column.value(row)))
}

/** Where each column is, by header: its letter and itself (for the counts' `LEN()` formulas). */
export type ColumnPlaces = Map<string, { letter: string; column: SheetColumn }>

export function letters(columns: readonly SheetColumn[]): ColumnPlaces {
  return new Map(
    columns.map((column, i) => [column.header, { letter: columnLetter(i + 1), column }])
  )
}
