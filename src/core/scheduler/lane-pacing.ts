import type { ContinuousBucket } from '@shared/ratelimit/bucket'
import { LeaseHold, type KeyLease } from './key-lease'
import { RateGovernor } from './rate-governor'

/**
 * The share of a key's limit one lane paces at: the least of what 429s taught (RateGovernor)
 * and what the machine's lease gives this process (1/holders, when other processes on this
 * machine use the key). Both buckets follow it.
 */
export class LanePacing {
  readonly governor: RateGovernor
  private readonly lease?: LeaseHold

  constructor(
    private readonly buckets: readonly ContinuousBucket[],
    now: () => number,
    lease?: KeyLease
  ) {
    this.governor = new RateGovernor(now)
    this.lease = lease && new LeaseHold(lease, now)
  }

  private get leaseShare(): number {
    return this.lease?.share ?? 1
  }

  /** The share of the limit paced at now. */
  get share(): number {
    return Math.min(this.governor.share, this.leaseShare)
  }

  /** Whether other processes on this machine hold the key now. */
  get leased(): boolean {
    return this.leaseShare < 1
  }

  /** Before sending: renews the lease once a second, so others see us and we see them. */
  sending(): void {
    if (this.lease?.renew()) this.apply()
  }

  /** A 429 for a request sent at `sentAt` although our count had room: the rate is cut. */
  refused(sentAt: number): void {
    if (this.governor.refused(sentAt)) this.apply()
  }

  answered(): void {
    this.governor.answered()
    this.apply()
  }

  /** No limit headers: the rate may probe above the configured limit. */
  setProbing(probing: boolean): void {
    this.governor.setProbing(probing)
    this.apply()
  }

  /** The lane has no work left here: the others on the machine take our share. */
  release(): void {
    if (this.lease?.release()) this.apply()
  }

  private apply(): void {
    for (const bucket of this.buckets) bucket.setCap(this.share)
  }
}
