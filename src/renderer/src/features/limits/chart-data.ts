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
export function chartSummary(series: ChartSeries): string {
  const last = series.x.length - 1
  if (last < 0) return 'No requests in the last 5 minutes.'
  const hits = series.rateLimited.reduce((a, b) => a + b, 0)
  return `Now ${series.requestsPerMin[last]} requests/min of ${series.rpm[last]} and ${series.tokensPerMin[last]} tokens/min of ${series.tpm[last]}; ${hits} rate-limit answers in the last 5 minutes.`
}
