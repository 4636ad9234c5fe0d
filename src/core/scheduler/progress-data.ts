import type { ItemProgress, JobProgress, KeyProgress } from '@shared/domain/progress'
import type { KeySnapshot } from './key-lane'
import type { ProgressUpdate } from './progress-feed'
import type { ItemState } from './types'

/** A coalesced update as plain data: clock readings become durations from `now`, SDK objects go. */
export function toJobProgress(update: ProgressUpdate, now: number): JobProgress {
  return {
    items: update.items.map(({ id, state }) => itemProgress(id, state, now)),
    keys: update.keys.map((key) => keyProgress(key, now)),
    totals: update.totals,
    outcome: update.outcome
  }
}

function itemProgress(id: string, state: ItemState, now: number): ItemProgress {
  switch (state.status) {
    case 'retrying':
      return {
        id,
        status: 'retrying',
        retryInMs: Math.max(0, Math.round(state.at - now)),
        cause: state.cause,
        keyId: state.keyId
      }
    case 'done':
      return {
        id,
        status: 'done',
        keyId: state.keyId,
        attempts: state.attempts,
        latencyMs: state.latencyMs
      }
    case 'failed':
      return {
        id,
        status: 'failed',
        kind: state.kind,
        reason: state.reason,
        attempts: state.attempts
      }
    default:
      return { id, ...state }
  }
}

function keyProgress(key: KeySnapshot, now: number): KeyProgress {
  const cooling = key.coolingDownUntil !== undefined && key.coolingDownUntil > now
  return {
    id: key.id,
    label: key.label,
    rpm: key.rpm,
    tpm: key.tpm,
    limitsFrom: key.limitsFrom,
    remainingRequests: key.remainingRequests,
    remainingTokens: key.remainingTokens,
    coolingInMs: cooling ? Math.ceil(key.coolingDownUntil! - now) : undefined,
    coolingCause: cooling ? key.coolingCause : undefined,
    coolingLimit: cooling ? key.coolingLimit : undefined,
    inFlight: key.inFlight,
    concurrencyCap: key.concurrencyCap,
    latencyP50Ms: key.latencyP50,
    latencyP95Ms: key.latencyP95,
    rateLimitHits: key.rateLimitHits,
    stopped: key.stoppedReason !== undefined
  }
}
