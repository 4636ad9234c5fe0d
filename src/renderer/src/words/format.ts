import { formatApproxDuration, formatUsd } from '@shared/format/estimate-summary'

/** Money as a person reads it, always with its currency: "$1.84", "$0.0042"; "—" when unknown. */
export function money(usd: number | null | undefined): string {
  return usd === null || usd === undefined ? '—' : formatUsd(usd)
}

/** "≈ 14 min", "≈ 45 s", "≈ 2 h 10 min". */
export const approxDuration = formatApproxDuration

export function count(n: number): string {
  return new Intl.NumberFormat().format(n)
}

/** "1 photo", "1,240 photos". */
export function photos(n: number): string {
  return `${count(n)} ${n === 1 ? 'photo' : 'photos'}`
}
