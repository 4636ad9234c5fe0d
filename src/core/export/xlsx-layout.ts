import { fieldText, statusText, type Column } from './columns'

/** A sheet column: how to read a row, wrapped or not, or a live count of another column's text. */
export interface SheetColumn extends Column {
  wrap?: boolean
  /** The header of the column whose characters this one counts (a `LEN()` formula). */
  countsOf?: string
}

/** One worksheet: its name, columns, and whether it is set up to print. */
export interface SheetSpec {
  name: string
  columns: SheetColumn[]
  print?: boolean
}

type FieldInfo = { name: string; label: string; type?: string; rules?: { maxLength?: number } }

/** A text column's width from its longest expected text: wide enough to read, then wrapped. */
function widthFor(field: FieldInfo): number {
  const max = field.rules?.maxLength ?? 160
  return Math.max(24, Math.min(60, Math.round(max / 3)))
}

/**
 * The workbook a person reads and prints: the copy first on "Copy" — each photo's path below its
 * folder, its SKU, every field wrapped with a live character count beside each text field, and
 * its status and approval — and what the run cost on "Details" (folder, model, tokens, cost,
 * duration).
 */
export function workbookLayout(fields: readonly FieldInfo[]): SheetSpec[] {
  const copy: SheetColumn[] = [
    { header: 'File', width: 30, value: (r) => r.relative || r.file },
    { header: 'SKU', width: 16, value: (r) => r.sku },
    ...fields.flatMap((f): SheetColumn[] => {
      const text: SheetColumn = {
        header: f.label,
        width: widthFor(f),
        wrap: true,
        value: (r) => fieldText(r.fields[f.name])
      }
      if (f.type === 'string[]') return [text]
      return [
        text,
        { header: `${f.label} (characters)`, width: 12, countsOf: f.label, value: () => 0 }
      ]
    }),
    { header: 'Status', width: 14, value: statusText }
  ]
  const details: SheetColumn[] = [
    { header: 'File', width: 30, value: (r) => r.relative || r.file },
    { header: 'Folder', width: 40, value: (r) => r.folder },
    { header: 'Reason', width: 40, wrap: true, value: (r) => r.reason },
    { header: 'Model', width: 18, value: (r) => r.model },
    { header: 'Tokens in', width: 10, value: (r) => r.tokensIn },
    { header: 'Tokens out', width: 10, value: (r) => r.tokensOut },
    { header: 'Cost (USD)', width: 11, value: (r) => Math.round(r.costUsd * 1e6) / 1e6 },
    { header: 'Duration (ms)', width: 12, value: (r) => r.durationMs },
    { header: 'From cache', width: 10, value: (r) => (r.fromCache ? 'yes' : '') }
  ]
  return [
    { name: 'Copy', columns: copy, print: true },
    { name: 'Details', columns: details }
  ]
}
