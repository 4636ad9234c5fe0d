import type { ItemResult, JournalEvent } from './journal-events'

/** The photos an answer or a failure is for: the request's product, else its one photo. */
export function photosOf(event: { id: string; photos?: string[] }): string[] {
  return event.photos && event.photos.length > 0 ? event.photos : [event.id]
}

/**
 * The result of the `index`-th photo of a product's answer: its own per-photo entries; after the
 * first (the lead, which carries the spend), nothing paid and the lead named.
 */
export function photoResult(
  event: Extract<JournalEvent, { e: 'done' }>,
  index: number
): ItemResult {
  if (!event.photos || event.photos.length < 2) return event.result
  const fields = photoFields(event.result.fields, event.perPhoto ?? [], index)
  const own = { ...event.result, fields, text: JSON.stringify(fields) }
  if (index === 0) return own
  return {
    ...own,
    promptTokens: 0,
    completionTokens: 0,
    cachedTokens: 0,
    costUsd: 0,
    lead: event.id
  }
}

/** One photo's fields from a product's answer: its own entry of each per-photo list. */
export function photoFields(
  fields: Record<string, unknown> | undefined,
  perPhoto: readonly string[],
  index: number
): Record<string, unknown> | undefined {
  if (!fields) return fields
  const own = { ...fields }
  for (const name of perPhoto) {
    const list = fields[name]
    if (Array.isArray(list)) own[name] = list[index] ?? list.at(-1) ?? ''
  }
  return own
}
