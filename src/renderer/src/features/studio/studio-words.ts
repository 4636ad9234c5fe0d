import type { StudioItemStatus, StudioView } from '@shared/studio/studio-view'

/** A status's chip colour, as the copy queue's chips. */
export const STATUS_TONE: Record<StudioItemStatus, string> = {
  queued: 'grey',
  working: 'blue',
  made: 'green',
  cached: 'green',
  possiblyBilled: 'amber',
  failed: 'red',
  waiting: 'grey',
  batched: 'blue'
}

/** How many photos are in each state, the approved ones too. */
export function studioCounts(studio: StudioView | null): Record<string, number> {
  const counts: Record<string, number> = { approved: 0 }
  for (const item of studio?.items ?? []) {
    counts[item.status] = (counts[item.status] ?? 0) + 1
    if (item.approved) counts.approved++
  }
  return counts
}

/** The thumbnail address of a row's image made by the studio (the "after"). */
export function afterUrl(
  base: string,
  viewId: string,
  rowId: string,
  output: string,
  large = false
): string {
  return `${base}${large ? 'large/' : ''}studio-${viewId}/${rowId}?v=${encodeURIComponent(output)}`
}
