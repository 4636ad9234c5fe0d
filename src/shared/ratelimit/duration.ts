/**
 * OpenAI's reset and retry hints are Go-style durations: `20ms`, `1.5s`, `6m0s`, `1h2m3s`.
 * `formatDuration` writes them; `parseDuration` reads them back (also `us`/`µs`/`ns`), or null.
 */
export function formatDuration(ms: number): string {
  const clamped = Math.max(0, ms)
  if (clamped < 1000) return `${trim(clamped)}ms`
  const totalSeconds = clamped / 1000
  if (totalSeconds < 60) return `${trim(totalSeconds)}s`
  const hours = Math.floor(totalSeconds / 3600)
  const minutes = Math.floor((totalSeconds % 3600) / 60)
  const seconds = totalSeconds - hours * 3600 - minutes * 60
  const head = hours > 0 ? `${hours}h${minutes}m` : `${minutes}m`
  return `${head}${trim(seconds)}s`
}

function trim(value: number): string {
  return String(Math.round(value * 1000) / 1000)
}

const UNIT_MS: Record<string, number> = {
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  us: 1e-3,
  µs: 1e-3,
  ns: 1e-6
}
const PART = /(\d+(?:\.\d+)?)(h|ms|m|s|us|µs|ns)/y

/** Milliseconds in a Go-style duration, or null when the text is not one. */
export function parseDuration(text: string): number | null {
  const input = text.trim()
  if (input === '') return null
  PART.lastIndex = 0
  let total = 0
  while (PART.lastIndex < input.length) {
    const match = PART.exec(input)
    if (!match) return null
    total += Number(match[1]) * UNIT_MS[match[2]]
  }
  return total
}
