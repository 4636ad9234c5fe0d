import type { TFunction } from 'i18next'

const STOPS = ['quota', 'auth', 'budget', 'daily_limit', 'config', 'model'] as const
type StopKey = (typeof STOPS)[number] | 'disk' | 'other'

/** A stop's banner: what happened in plain words and what to do; the job is always resumable. */
export function stopWords(kind: string, t: TFunction): { title: string; action: string } {
  const key: StopKey =
    kind === 'disk_full' || kind === 'journal'
      ? 'disk'
      : (STOPS as readonly string[]).includes(kind)
        ? (kind as StopKey)
        : 'other'
  return { title: t(`stop.${key}.title`), action: t(`stop.${key}.action`) }
}
