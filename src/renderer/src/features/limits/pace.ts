import type { LimitSample, RunView } from '@shared/domain/run-view'
import { chartSeries } from './chart-data'

/**
 * How fast the run goes against the account's limits, for the panel's plain words: at the limit
 * (`full`), below it (`room`), held back by OpenAI (`slowed`), or not yet measured.
 */
export interface Pace {
  state: 'idle' | 'starting' | 'full' | 'room' | 'slowed'
  /** The limit closest to being used up in the last minute. */
  binding: 'requests' | 'tokens'
  used: number
  limit: number
}

/** At or above this share of a limit, the run is going as fast as the plan allows. */
const FULL = 0.8

export function paceOf(
  samples: readonly LimitSample[],
  keys: RunView['keys'],
  running: boolean
): Pace {
  const none: Pace = {
    state: running ? 'starting' : 'idle',
    binding: 'requests',
    used: 0,
    limit: 0
  }
  if (!running) return none
  const slowed = keys.some((key) => key.coolingInMs && key.coolingCause === 'rate_limit')
  const series = chartSeries(samples)
  const last = series.x.length - 1
  if (last < 0) return slowed ? { ...none, state: 'slowed' } : none
  const requests = { used: series.requestsPerMin[last], limit: series.rpm[last] }
  const tokens = { used: series.tokensPerMin[last], limit: series.tpm[last] }
  const share = (side: { used: number; limit: number }): number =>
    side.limit > 0 ? side.used / side.limit : 0
  const binding = share(tokens) > share(requests) ? 'tokens' : 'requests'
  const side = binding === 'tokens' ? tokens : requests
  const state = slowed ? 'slowed' : share(side) >= FULL ? 'full' : 'room'
  return { state, binding, ...side }
}
