import { boundedMap } from '../images/lookahead'
import type { ImageError } from '../images/image-error'
import type { PhotoSource, PrepareOutcome } from '../images/prepare'
import type { RequestPhoto } from './job-request'
import type { JobItem } from './job-state'

/** A request's photos after preparation: those to send, and those that could not be prepared. */
export interface PreparedGroup {
  photos: RequestPhoto[]
  failed: { item: JobItem; code: ImageError['code']; reason: string }[]
}

/**
 * Prepares each request's photos (a product's together) with a bounded look-ahead of requests,
 * in completion order. A photo that cannot be prepared is set apart with why, saying whether its
 * product goes without it; the rest of its product is still sent.
 */
export function prepareGroups(
  groups: Iterable<JobItem[]>,
  prepare: (source: PhotoSource) => Promise<PrepareOutcome>,
  lookahead: number
): AsyncGenerator<PreparedGroup> {
  return boundedMap(
    groups,
    async (items) => {
      const outcomes = await Promise.all(
        items.map((item) => prepare({ id: item.id, path: item.paths[0] }))
      )
      return sortOut(items, outcomes)
    },
    lookahead
  )
}

function sortOut(items: JobItem[], outcomes: PrepareOutcome[]): PreparedGroup {
  const group: PreparedGroup = { photos: [], failed: [] }
  outcomes.forEach((outcome, i) => {
    if (outcome.ok) group.photos.push({ item: items[i], image: outcome.image.prepared })
  })
  outcomes.forEach((outcome, i) => {
    if (outcome.ok) return
    const sent = group.photos.length
    const without =
      sent > 0 ? ` Its product was sent with its other ${sent} photo${sent === 1 ? '' : 's'}.` : ''
    group.failed.push({
      item: items[i],
      code: outcome.error.code,
      reason: `${outcome.error.message}${without}`
    })
  })
  return group
}
