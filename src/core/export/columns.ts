import type { ResultRow } from './rows'

/** One output column: a header and how to read a row's cell. */
export interface Column {
  header: string
  width: number
  value: (row: ResultRow) => string | number | boolean
}

/** A field's value as a cell's text: lists comma-separated, anything else as JSON. */
export function fieldText(value: unknown): string {
  if (value === undefined || value === null) return ''
  if (Array.isArray(value)) return value.map(String).join(', ')
  return typeof value === 'object' ? JSON.stringify(value) : String(value)
}

/** A row's status as a sheet says it: the person's verdict, else "needs review", else the run's. */
export const statusText = (r: ResultRow): string =>
  r.verdict || (r.status === 'done' && r.reason ? 'needs review' : r.status)

/** File, folder, every template field (in order), then status and the run's facts. */
export function resultColumns(fields: readonly { name: string; label: string }[]): Column[] {
  return [
    { header: 'File', width: 28, value: (r) => r.file },
    { header: 'Folder', width: 30, value: (r) => r.folder },
    ...fields.map((f): Column => ({
      header: f.label,
      width: 48,
      value: (r) => fieldText(r.fields[f.name])
    })),
    { header: 'Status', width: 12, value: statusText },
    { header: 'Reason', width: 40, value: (r) => r.reason },
    { header: 'Model', width: 16, value: (r) => r.model },
    { header: 'Tokens in', width: 10, value: (r) => r.tokensIn },
    { header: 'Tokens out', width: 10, value: (r) => r.tokensOut },
    { header: 'Cost (USD)', width: 11, value: (r) => Math.round(r.costUsd * 1e6) / 1e6 },
    { header: 'Duration (ms)', width: 12, value: (r) => r.durationMs }
  ]
}
