import type { RequestFailure } from '../openai/failure'
import type { Entry } from './entry'
import { decide } from './failure-policy'
import type { KeyLane } from './key-lane'
import type { ItemState, SchedulerOptions } from './types'

/** What routing a failure may do to the scheduler's queue. */
export interface FailurePort {
  options: SchedulerOptions
  anyKeyActive(): boolean
  requeueFront(entry: Entry, state: ItemState): void
  retryLater(entry: Entry, failure: RequestFailure, delayMs: number): void
  fail(entry: Entry, kind: Extract<ItemState, { status: 'failed' }>['kind'], reason: string): void
  stop(reason: string, kind: RequestFailure['kind'], resumeInMs?: number): void
  setState(entry: Entry, state: ItemState): void
  /** The server said what it charged the request against tokens/min. */
  charged(entry: Entry, requested: number): void
}

/**
 * Acts on one failed attempt by its kind (see `decide`): a 429 pauses the key, a network
 * failure goes to the key's circuit breaker, quota and auth take the key out, config errors
 * stop the job, the rest retry or fail the item.
 */
export function routeFailure(
  entry: Entry,
  lane: KeyLane,
  failure: RequestFailure,
  port: FailurePort
): void {
  if (failure.kind === 'transient') entry.failures++
  if (failure.kind === 'timeout') entry.timeouts++
  if (failure.kind === 'flex_unavailable') entry.flexWaits++
  if (failure.requestedTokens !== undefined) port.charged(entry, failure.requestedTokens)
  const action = decide(failure, attemptsOfKind(entry, failure.kind), port.options)
  switch (action.kind) {
    case 'pause-key':
      return pauseKey(entry, lane, failure, port)
    case 'network':
      return networkFailed(entry, lane, failure, port)
    case 'stop-key':
      lane.stop(failure.message)
      port.requeueFront(entry, { status: 'queued' })
      if (!port.anyKeyActive()) port.stop(failure.message, failure.kind)
      return
    case 'stop-job':
      port.requeueFront(entry, { status: 'queued' })
      return port.stop(failure.message, failure.kind, failure.retryAfterMs)
    case 'requeue':
      return port.setState(entry, { status: 'queued' })
    case 'fail':
      return port.fail(entry, failure.kind, action.reason)
    case 'retry':
    case 'flex-wait':
      return port.retryLater(entry, failure, action.delayMs)
    case 'flex-fallback':
      return standardTier(entry, port)
  }
}

function attemptsOfKind(entry: Entry, kind: RequestFailure['kind']): number {
  if (kind === 'timeout') return entry.timeouts
  return kind === 'flex_unavailable' ? entry.flexWaits : entry.failures
}

/** Flex had no room and the user allowed standard: the same request goes again without Flex. */
function standardTier(entry: Entry, port: FailurePort): void {
  if (entry.body) {
    const standard = { ...entry.body }
    delete standard.service_tier
    entry.body = standard
  }
  port.requeueFront(entry, { status: 'queued' })
}

/** A 429: the whole key waits, and this item goes back to the front of the queue. */
function pauseKey(entry: Entry, lane: KeyLane, failure: RequestFailure, port: FailurePort): void {
  port.requeueFront(entry, {
    status: 'retrying',
    at: lane.pauseFor429(failure),
    reason: `rate limit (${lane.spec.label})`,
    cause: 'rate_limit',
    keyId: lane.spec.id
  })
}

/**
 * The endpoint could not be reached. While the key's breaker is closed this counts as one
 * transient failure of the item; once it is open the item waits for the key (it is not the
 * photo's fault). An endpoint gone for `networkGiveUpMs` stops the job, resumably.
 */
function networkFailed(
  entry: Entry,
  lane: KeyLane,
  failure: RequestFailure,
  port: FailurePort
): void {
  const open = lane.networkFailure()
  if (lane.unreachableForMs() >= port.options.networkGiveUpMs) {
    port.requeueFront(entry, { status: 'queued' })
    const minutes = Math.round(lane.unreachableForMs() / 60_000)
    return port.stop(
      `Photoscribe couldn't reach the API for ${minutes} min (${failure.message}). Check the connection, then resume — nothing is lost.`,
      'network'
    )
  }
  if (!open) {
    entry.failures++
    const action = decide({ ...failure, kind: 'transient' }, entry.failures, port.options)
    if (action.kind === 'retry') return port.retryLater(entry, failure, action.delayMs)
    if (action.kind === 'fail') return port.fail(entry, 'network', action.reason)
  }
  port.requeueFront(entry, {
    status: 'retrying',
    at: lane.pausedUntilMs,
    reason: `can't reach the API (${lane.spec.label})`,
    cause: 'network',
    keyId: lane.spec.id
  })
}
