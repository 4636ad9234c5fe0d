import { useMemo } from 'react'
import { useTranslation } from 'react-i18next'

/** Numbers, money and durations for the window's language ("US$1.84" and "约 14 分钟" in 简体中文). */
export interface Formatters {
  locale: string
  /** Money with its currency; fractions of a cent keep two significant digits; "—" when unknown. */
  money(usd: number | null | undefined): string
  count(n: number): string
  /** "1 photo", "1,240 photos". */
  photos(n: number): string
  /** "≈ 14 min", "≈ 45 s", "≈ 2 h 10 min". */
  approxDuration(ms: number): string
  /** "14 min" (an ETA: no "≈"). */
  duration(ms: number): string
}

export function formatters(locale: string, t: ReturnType<typeof useTranslation>['t']): Formatters {
  // Plain strings: with a catalog this size, i18next's inferred key types grow too deep here.
  const say = t as unknown as (key: string, options: Record<string, unknown>) => string
  const number = new Intl.NumberFormat(locale)
  const usd = new Intl.NumberFormat(locale, { style: 'currency', currency: 'USD' })
  const small = new Intl.NumberFormat(locale, {
    style: 'currency',
    currency: 'USD',
    maximumSignificantDigits: 2
  })
  const duration = (ms: number): string => {
    const seconds = Math.max(1, Math.round(ms / 1000))
    if (seconds < 90) return say('time.seconds', { n: seconds })
    const minutes = Math.round(seconds / 60)
    if (minutes < 90) return say('time.minutes', { n: minutes })
    return say('time.hoursMinutes', { h: Math.floor(minutes / 60), m: minutes % 60 })
  }
  return {
    locale,
    money: (value) =>
      value === null || value === undefined
        ? '—'
        : value > 0 && value < 0.01
          ? small.format(value)
          : usd.format(value),
    count: (n) => number.format(n),
    photos: (n) => say('count.photos', { count: n, n: number.format(n) }),
    approxDuration: (ms) => say('time.approx', { d: duration(ms) }),
    duration
  }
}

const made = new WeakMap<object, Map<string, Formatters>>()

/**
 * The formatters for the current language, made once per language (Intl formatters are dear to
 * build, and every queue row scrolled into view asks for them).
 */
export function useFormat(): Formatters {
  const { t, i18n } = useTranslation()
  return useMemo(() => {
    const byLanguage = made.get(i18n) ?? new Map<string, Formatters>()
    made.set(i18n, byLanguage)
    const known = byLanguage.get(i18n.language)
    if (known) return known
    const fresh = formatters(i18n.language, t)
    byLanguage.set(i18n.language, fresh)
    return fresh
  }, [i18n, i18n.language, t])
}
