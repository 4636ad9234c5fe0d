import type { FieldSpec } from '../templates/template'
import { brokenRule } from '../templates/rules'
import type { JournalEvent } from './journal-events'

/**
 * A person's edit as the journal keeps it: the answer's fields after the edit, and the rule they
 * still break (so an edit that leaves a description too short still needs review).
 */
export function editedEvent(
  fields: readonly FieldSpec[],
  id: string,
  values: Record<string, unknown>
): Extract<JournalEvent, { e: 'edited' }> {
  const review = brokenRule({ fields: [...fields] }, values)
  return { e: 'edited', id, at: Date.now(), fields: values, ...(review ? { review } : {}) }
}
