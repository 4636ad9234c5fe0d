import type { TFunction } from 'i18next'
import type { LimitSample } from '@shared/domain/run-view'

/** The chart's series: per-minute rates (a trailing 60 s sum) against the limits, 429s marked. */
export interface ChartSeries {
  x: number[]
  requestsPerMin: number[]
  tokensPerMin: number[]
  rpm: number[]
  tpm: number[]
  rateLimited: number[]
}

export function chartSeries(samples: readonly LimitSample[]): ChartSeries {
  const series: ChartSeries = {
    x: [],
    requestsPerMin: [],
    tokensPerMin: [],
    rpm: [],
    tpm: [],
    rateLimited: []
  }
  let requests = 0
  let tokens = 0
  samples.forEach((sample, i) => {
    requests += sample.requests
    tokens += sample.tokens
    const old = samples[i - 60]
    if (old) {
      requests -= old.requests
      tokens -= old.tokens
    }
    series.x.push(sample.at / 1000)
    series.requestsPerMin.push(requests)
    series.tokensPerMin.push(tokens)
    series.rpm.push(sample.rpm)
    series.tpm.push(sample.tpm)
    series.rateLimited.push(sample.rateLimited)
  })
  return series
}

/** What the chart shows, in words (the canvas is hidden from screen readers). */
export function chartSummary(
  series: ChartSeries,
  t: TFunction,
  count: (n: number) => string
): string {
  const last = series.x.length - 1
  if (last < 0) return t('limits.chartEmpty')
  return t('limits.chartSummary', {
    requests: count(series.requestsPerMin[last]),
    rpm: count(series.rpm[last]),
    tokens: count(series.tokensPerMin[last]),
    tpm: count(series.tpm[last]),
    hits: series.rateLimited.reduce((a, b) => a + b, 0)
  })
}
