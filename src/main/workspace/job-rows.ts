import { basename, dirname } from 'node:path'
import type { ItemProgress } from '@shared/domain/progress'
import type { QueueRow } from '@shared/domain/queue'
import { ruleBreak, type JobItem, type Template } from '../../core'

/** Longest answer text a row carries (the full answer stays in the journal and the export). */
/** The longest field text a row carries (a runaway answer is not sent whole to the window). */
export const MAX_FIELD_CHARS = 4000

/**
 * A job's row as the window shows it: the journal's word for finished items, the scheduler's
 * live state for the rest while the job runs (waiting, waiting for capacity, writing, retrying).
 */
export function jobRow(
  item: JobItem,
  template: Template,
  live: ItemProgress | undefined,
  keyLabel: (id: string | undefined) => string | undefined,
  batch?: QueueRow['batch']
): QueueRow {
  const path = item.paths[0] ?? ''
  const base = { id: item.id, name: basename(path), folder: dirname(path) }
  const liveRow = live && liveState(live, keyLabel)
  if (item.status === 'done' && item.result) {
    const { result } = item
    const answer = {
      ...base,
      status: item.verdict ?? (result.review ? 'review' : 'done'),
      fields: answerFields(template, result.fields ?? {}, result.text),
      review: result.review,
      // The rule as data, for the window's words and its filter (the journal keeps English).
      rule: result.review ? (ruleBreak(template, result.fields ?? {}) ?? undefined) : undefined,
      edited: result.edited,
      costUsd: result.costUsd
    } satisfies QueueRow
    // Being regenerated: the answer so far, with where the new one stands.
    return item.redo === undefined ? answer : { ...answer, ...(liveRow ?? { status: 'waiting' }) }
  }
  if (liveRow) return { ...base, ...liveRow }
  if (batch) return { ...base, status: 'batched', batch }
  if (item.status === 'failed')
    return { ...base, status: 'failed', code: item.code, reason: item.reason }
  return { ...base, status: 'waiting' }
}

function liveState(
  live: ItemProgress,
  keyLabel: (id: string | undefined) => string | undefined
): Omit<QueueRow, 'id' | 'name' | 'folder'> | null {
  switch (live.status) {
    case 'queued':
      return { status: 'waiting' }
    case 'waiting':
      return { status: 'capacity' }
    case 'in_flight':
      return { status: 'writing', keyLabel: keyLabel(live.keyId) }
    case 'retrying':
      return {
        status: 'retrying',
        retryInMs: live.retryInMs,
        cause: live.cause,
        keyLabel: keyLabel(live.keyId)
      }
    default:
      // done/failed at the API: the journal has the last word once recorded.
      return null
  }
}

/** Every field of an answer as text, labelled, in the template's order. */
export function answerFields(
  template: Template,
  fields: Record<string, unknown>,
  text: string
): NonNullable<QueueRow['fields']> {
  if (template.fields.length === 0) return [shownField('text', 'Text', text)]
  return template.fields.map((field) => {
    const shown = shownField(field.name, field.label, fieldText(fields[field.name]))
    // A list's length rule is per entry: its counter would mislead, so lists show none.
    const { minLength: min, maxLength: max } = field.type === 'string' ? (field.rules ?? {}) : {}
    return { ...shown, ...(min ? { min } : {}), ...(max ? { max } : {}) }
  })
}

/** A field as its row shows it: whole, or its first characters marked as cut. */
function shownField(name: string, label: string, text: string): NonNullable<QueueRow['fields']>[0] {
  if (text.length <= MAX_FIELD_CHARS) return { name, label, value: text }
  return { name, label, value: text.slice(0, MAX_FIELD_CHARS), cut: true }
}

/** A field's value as text, as the row and the editor show it (lists joined with ", "). */
export function fieldText(value: unknown): string {
  if (Array.isArray(value)) return value.map(fieldText).join(', ')
  if (value === undefined || value === null) return ''
  return typeof value === 'string' ? value : JSON.stringify(value)
}
