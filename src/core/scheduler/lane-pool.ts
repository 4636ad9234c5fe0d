import { KeyLane } from './key-lane'
import type { KeySpec, SchedulerOptions } from './types'

/**
 * One lane per API key for everything that runs in this process: several jobs at once (a sample
 * run beside a long job, two folders) share a key's buckets, pause and in-flight cap, so together
 * they stay within the key's limits instead of each believing it has all of them.
 */
export class LanePool {
  private readonly lanes = new Map<string, KeyLane>()

  /**
   * The key's lane, made with these options the first time it is asked for; a lane that exists
   * takes the limits and in-flight maximum this start brings (what Settings say now).
   */
  lane(spec: KeySpec, options: SchedulerOptions): KeyLane {
    const existing = this.lanes.get(spec.id)
    existing?.configure(spec, options.maxConcurrency)
    return existing ?? this.add(spec, options)
  }

  /**
   * A run a person started: a key an earlier run stopped (no credit, refused) is tried again,
   * as a new process would. A stop that still holds comes back on the first request.
   */
  restart(keyIds: readonly string[]): void {
    for (const id of keyIds) this.lanes.get(id)?.restart()
  }

  private add(spec: KeySpec, options: SchedulerOptions): KeyLane {
    const lane = new KeyLane(spec, options)
    this.lanes.set(spec.id, lane)
    return lane
  }
}
