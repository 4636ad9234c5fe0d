import { Scheduler, type SchedulerEvent } from '../../../src/core/scheduler/scheduler'
import {
  resolveSchedulerOptions,
  type KeySpec,
  type SchedulerOptions
} from '../../../src/core/scheduler/types'
import { FakeClock } from '../../helpers/fake-clock'
import { fakeTransport, workItems, type Call, type Reply } from '../../helpers/fake-transport'

export interface Harness {
  clock: FakeClock
  scheduler: Scheduler
  calls: Call[]
  events: SchedulerEvent[]
  maxInFlight: () => number
  /** Adds n items, ends input, and runs the fake clock until the job ends. */
  run: (n: number, charge?: number) => ReturnType<Scheduler['done']['then']>
}

export function key(id: string, rpm: number, tpm = 10_000_000): KeySpec {
  return { id, label: id.toUpperCase(), rpm, tpm }
}

export function harness(
  keys: KeySpec[],
  reply: (call: Call, calls: Call[]) => Reply,
  options: Partial<SchedulerOptions> = {},
  onEvent: (event: SchedulerEvent, clock: FakeClock) => void = () => {}
): Harness {
  const clock = new FakeClock()
  const { transport, calls, maxInFlight } = fakeTransport(clock, reply)
  const events: SchedulerEvent[] = []
  const scheduler = new Scheduler(
    transport,
    resolveSchedulerOptions({
      keys,
      clock,
      random: () => 0.5,
      startFraction: 0,
      openingTopUp: 0,
      ...options
    }),
    (e) => {
      events.push(e)
      onEvent(e, clock)
    }
  )
  return {
    clock,
    scheduler,
    calls,
    events,
    maxInFlight,
    run: (n, charge = 100) => {
      scheduler.add(workItems(n, charge))
      scheduler.endInput()
      return clock.runUntil(scheduler.done)
    }
  }
}

/** The final status of every item, by id. */
export function statuses(h: Harness, n: number): string[] {
  return Array.from({ length: n }, (_, i) => h.scheduler.state(`item-${i}`)?.status ?? 'missing')
}
