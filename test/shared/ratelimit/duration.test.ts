import { describe, expect, it } from 'vitest'
import { formatDuration, parseDuration } from '@shared/ratelimit/duration'

describe('Go-style durations', () => {
  it.each([
    [20, '20ms'],
    [1500, '1.5s'],
    [1146, '1.146s'],
    [360_000, '6m0s'],
    [86_400, '1m26.4s'],
    [3_723_000, '1h2m3s']
  ])('formats %d ms as %s and parses it back', (ms, text) => {
    expect(formatDuration(ms)).toBe(text)
    expect(parseDuration(text)).toBeCloseTo(ms, 6)
  })
  it('parses sub-millisecond units and rejects garbage', () => {
    expect(parseDuration('500us')).toBeCloseTo(0.5)
    expect(parseDuration('28m48s')).toBe(1_728_000)
    expect(parseDuration('soon')).toBeNull()
    expect(parseDuration('')).toBeNull()
    expect(parseDuration('5 s')).toBeNull()
  })
})
