import type { RequestFailure } from '../openai/failure'
import type { ChatTransport, TransportResult } from '../openai/transport'
import { chooseLane } from './choose-lane'
import type { Entry } from './entry'
import { routeFailure, type FailurePort } from './failure-routing'
import { retryCause } from './failure-policy'
import type { LanePool } from './lane-pool'
import { KeyLane, type KeySnapshot, type SendTicket } from './key-lane'
import { RoomWaiters } from './room-waiters'
import type { ItemState, JobOutcome, SchedulerOptions, WorkItem } from './types'
import type { SchedulerEvent } from './scheduler-event'

export type { SchedulerEvent } from './scheduler-event'

/**
 * The throttled worker pool: a queue of requests, started on the key with the soonest capacity,
 * paced by each key's buckets, capped by rate × latency, retried by failure kind. Retries and
 * 429s go back to the front of the queue, so nothing is lost or reordered behind new work.
 */
type FailedKind = Extract<ItemState, { status: 'failed' }>['kind']

export class Scheduler {
  readonly done: Promise<JobOutcome>
  private readonly lanes: KeyLane[]
  private readonly entries = new Map<string, Entry>()
  private readonly queue: Entry[] = []
  private readonly retryTimers = new Map<Entry, unknown>()
  private wakeTimer: unknown = null
  private phase: 'running' | 'paused' | 'stopping' | 'finished' = 'running'
  private inputEnded = false
  private stopOutcome: JobOutcome | null = null
  private readonly room = new RoomWaiters()
  private readonly unsubscribe: (() => void)[]
  private readonly pumpFromLane = (): void => this.pump()
  /** This scheduler's own requests in flight (a shared lane also counts other jobs'). */
  private inFlight = 0
  private resolveDone!: (outcome: JobOutcome) => void
  private readonly port: FailurePort // what failure routing may do to the queue

  /** `pool`: lanes shared with the other jobs of this process (one per key); else lanes of its own. */
  constructor(
    private readonly transport: ChatTransport,
    private readonly options: SchedulerOptions,
    private readonly listener: (event: SchedulerEvent) => void = () => {},
    pool?: LanePool
  ) {
    this.lanes = options.keys.map((spec) => pool?.lane(spec, options) ?? new KeyLane(spec, options))
    // Another job's request ending on a shared lane can make room for this one.
    this.unsubscribe = this.lanes.map((lane) => lane.onRelease(this.pumpFromLane))
    this.done = new Promise((resolve) => (this.resolveDone = resolve))
    this.port = {
      options: this.options,
      anyKeyActive: () => this.lanes.some((l) => l.active),
      requeueFront: (entry, state) => this.requeueFront(entry, state),
      retryLater: (entry, failure, delay) => this.retryLater(entry, failure, delay),
      fail: (entry, kind, reason) => this.fail(entry, kind, reason),
      stop: (reason, kind, resumeInMs) => this.stop(reason, kind, resumeInMs),
      setState: (entry, state) => this.setState(entry, state),
      charged: (entry, requested) =>
        this.listener({ type: 'charge', id: entry.id, requested, charged: entry.chargeTokens })
    }
  }

  /** Adds requests at the back of the queue. */
  add(items: readonly WorkItem[]): void {
    for (const item of items) {
      if (this.entries.has(item.id)) throw new Error(`Duplicate work item id ${item.id}`)
      const { id, chargeTokens, body } = item
      const entry: Entry = {
        id,
        chargeTokens,
        body,
        state: { status: 'queued' },
        failures: 0,
        timeouts: 0,
        flexWaits: 0,
        attempts: 0
      }
      this.entries.set(item.id, entry)
      this.queue.push(entry)
    }
    this.pump()
  }

  /** Resolves when fewer than `below` items wait to start, or the job stops (the feed's back-pressure). */
  waitForRoom(below: number): Promise<void> {
    return this.room.wait(below, this.hasRoom)
  }

  /** True once the job is stopping or over: add nothing more. */
  get closed(): boolean {
    return this.phase === 'stopping' || this.phase === 'finished'
  }

  /** No more items will be added: the job completes when the queue drains. */
  endInput(): void {
    this.inputEnded = true
    this.pump()
  }

  /** Stops starting requests; those in flight finish. */
  pause(): void {
    if (this.phase === 'running') this.phase = 'paused'
    this.clearWake()
    const head = this.queue[0]
    if (head?.state.status === 'waiting') this.setState(head, { status: 'queued' })
  }

  resume(): void {
    if (this.phase !== 'paused') return
    this.phase = 'running'
    this.pump()
  }

  /** Aborts what is in flight and ends the job; unfinished items stay queued (resumable). */
  cancel(): void {
    if (this.phase === 'finished') return
    this.halt({ status: 'cancelled' })
    for (const entry of this.entries.values()) entry.controller?.abort()
    this.maybeFinish()
  }

  setKeyLimits(keyId: string, limits: { rpm?: number; tpm?: number }): void {
    this.lanes.find((lane) => lane.spec.id === keyId)?.setLimits(limits)
    this.pump()
  }

  /** Settings changed while running: each key's limits (as configured) and the in-flight maximum. */
  retune(keys: readonly { id: string; rpm: number; tpm: number }[], maxConcurrency: number): void {
    this.options.maxConcurrency = Math.max(1, Math.floor(maxConcurrency))
    for (const lane of this.lanes) {
      const key = keys.find((k) => k.id === lane.spec.id)
      lane.configure(key ?? lane.spec, this.options.maxConcurrency)
    }
    this.pump()
  }

  state(id: string): ItemState | undefined {
    return this.entries.get(id)?.state
  }

  keys(): KeySnapshot[] {
    return this.lanes.map((lane) => lane.snapshot())
  }

  /** Starts every request that may start now, then sleeps until the next one may. */
  private pump(): void {
    if (this.phase !== 'running') return
    this.clearWake()
    while (this.queue.length > 0) {
      const entry = this.queue[0]
      const choice = chooseLane(this.lanes, entry.chargeTokens)
      if (choice.kind === 'no-active-key') return this.stop(choice.reason, 'auth')
      if (choice.kind === 'too-large') {
        this.queue.shift()
        this.fail(entry, 'too_large', choice.reason)
        continue
      }
      const { lane, waitMs: wait } = choice
      if (wait === Number.POSITIVE_INFINITY) return
      // This job's own maximum in flight (a shared lane also carries other jobs' requests).
      if (this.inFlight >= this.options.maxConcurrency) return
      if (wait > 0) {
        if (entry.state.status === 'queued') this.setState(entry, { status: 'waiting' })
        this.wakeTimer = this.options.clock.setTimeout(() => this.pump(), Math.max(1, wait))
        return
      }
      this.queue.shift()
      void this.send(entry, lane)
      this.wakeRoomWaiters()
    }
    this.maybeFinish()
  }

  private readonly hasRoom = (below: number): boolean => this.closed || this.queue.length < below

  private wakeRoomWaiters(): void {
    this.room.wake(this.hasRoom)
  }

  private async send(entry: Entry, lane: KeyLane): Promise<void> {
    const controller = new AbortController()
    entry.controller = controller
    entry.attempts++
    const ticket = lane.start(entry.chargeTokens)
    this.inFlight++
    this.setState(entry, { status: 'in_flight', keyId: lane.spec.id, attempt: entry.attempts })
    const startedAt = this.options.clock.now()
    const result = await this.transport.send(lane.spec.id, entry.body!, {
      signal: controller.signal,
      timeoutMs: lane.timeoutMs()
    })
    entry.controller = undefined
    this.inFlight--
    this.settle(entry, lane, ticket, result, this.options.clock.now() - startedAt)
    this.listener({ type: 'key', key: lane.snapshot() })
    this.pump()
    this.maybeFinish()
    lane.notifyReleased(this.pumpFromLane)
  }

  private settle(
    entry: Entry,
    lane: KeyLane,
    ticket: SendTicket,
    result: TransportResult,
    latencyMs: number
  ): void {
    if (result.ok) {
      lane.finish(ticket, result.rateLimits, latencyMs)
      this.setState(entry, {
        status: 'done',
        keyId: lane.spec.id,
        attempts: entry.attempts,
        latencyMs,
        completion: result.completion
      })
      return
    }
    // A 429 (rate limit, or Flex without capacity) never counted at the server: ours gives it back.
    const refused = ['rate_limit', 'flex_unavailable'].includes(result.failure.kind)
    lane.finish(ticket, result.failure.rateLimits, undefined, refused)
    routeFailure(entry, lane, result.failure, this.port)
  }

  /** Transient failure: back to the front of the queue after the backoff delay. */
  private retryLater(entry: Entry, failure: RequestFailure, delay: number): void {
    if (this.phase === 'stopping') return this.requeueFront(entry, { status: 'queued' })
    this.setState(entry, {
      status: 'retrying',
      at: this.options.clock.now() + delay,
      reason: failure.message,
      cause: retryCause(failure.kind)
    })
    const timer = this.options.clock.setTimeout(() => {
      this.retryTimers.delete(entry)
      this.requeueFront(entry, { status: 'queued' })
      this.pump()
    }, delay)
    this.retryTimers.set(entry, timer)
  }

  private requeueFront(entry: Entry, state: ItemState): void {
    this.queue.unshift(entry)
    this.setState(entry, state)
  }

  private fail(entry: Entry, kind: FailedKind, reason: string): void {
    this.setState(entry, { status: 'failed', kind, reason, attempts: entry.attempts })
  }

  private stop(reason: string, kind: RequestFailure['kind'], resumeInMs?: number): void {
    if (this.phase === 'finished' || this.stopOutcome) return
    this.halt({
      status: 'stopped',
      reason,
      kind,
      ...(resumeInMs === undefined ? {} : { resumeInMs })
    })
    this.maybeFinish()
  }

  /** Starts nothing more; items waiting to retry go back to the queue (kept for resume). */
  private halt(outcome: JobOutcome): void {
    this.stopOutcome = outcome
    this.phase = 'stopping'
    this.clearWake()
    for (const [entry, timer] of this.retryTimers) {
      this.options.clock.clearTimeout(timer)
      this.requeueFront(entry, { status: 'queued' })
    }
    this.retryTimers.clear()
    for (const entry of this.queue)
      if (entry.state.status !== 'queued') this.setState(entry, { status: 'queued' })
    // The feed may be waiting for room in a full queue: a stop must reach it too.
    this.wakeRoomWaiters()
  }

  private maybeFinish(): void {
    if (this.phase === 'finished' || this.phase === 'paused') return
    if (this.inFlight > 0 || this.retryTimers.size > 0) return
    if (this.phase === 'running' && (this.queue.length > 0 || !this.inputEnded)) return
    this.phase = 'finished'
    this.unsubscribe.forEach((stop) => stop())
    const outcome = this.stopOutcome ?? { status: 'completed' }
    this.listener({ type: 'job', outcome })
    this.resolveDone(outcome)
  }

  private setState(entry: Entry, state: ItemState): void {
    entry.state = state
    if (state.status === 'done' || state.status === 'failed') entry.body = null
    this.listener({ type: 'item', id: entry.id, state })
  }

  private clearWake(): void {
    if (this.wakeTimer !== null) this.options.clock.clearTimeout(this.wakeTimer)
    this.wakeTimer = null
  }
}
