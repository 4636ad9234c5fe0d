import { findModel } from './catalog'

/** A model shutting down within this many days runs, with a warning naming the date. */
export const WARN_DAYS = 60

/** Where a model stands on a given day. */
export type ModelLife =
  | { kind: 'live' }
  | { kind: 'dying'; shutdownDate: string; daysLeft: number; replacement?: string }
  | { kind: 'gone'; shutdownDate: string; replacement?: string }
  /** The endpoint's own model list does not name it (switched off, or never offered there). */
  | { kind: 'unlisted'; replacement?: string }

/** What an endpoint's `GET /v1/models` said about one model. */
export interface ListedModel {
  /** `YYYY-MM-DD`, or null when none is announced (or the endpoint sends no dates). */
  shutdownDate: string | null
}

/**
 * Where `model` stands on `today` (`YYYY-MM-DD`, always given: nothing here reads a clock).
 * `listing` is the endpoint's own model list when it answered one: a model absent from it is
 * unlisted, and its `shutdown_date` wins over the catalog's; without dates the catalog's count.
 */
export function modelLife(
  model: string,
  today: string,
  listing?: ReadonlyMap<string, ListedModel> | null
): ModelLife {
  const known = findModel(model)
  const replacement = known?.replacement
  const listed = listing?.get(model)
  if (listing && !listed) return { kind: 'unlisted', ...(replacement ? { replacement } : {}) }
  const shutdownDate = listed?.shutdownDate ?? known?.shutdownDate
  if (!shutdownDate) return { kind: 'live' }
  const daysLeft = daysBetween(today, shutdownDate)
  const named = replacement ? { replacement } : {}
  if (daysLeft <= 0) return { kind: 'gone', shutdownDate, ...named }
  if (daysLeft <= WARN_DAYS) return { kind: 'dying', shutdownDate, daysLeft, ...named }
  return { kind: 'live' }
}

/** Whole days from `from` to `to` (both `YYYY-MM-DD`, UTC). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000)
}

/** The day of `ms` (a clock's reading) as `YYYY-MM-DD`, in UTC. */
export function dayOf(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10)
}
