import type { ContinuousBucket } from '@shared/ratelimit/bucket'
import { LEASE_RENEW_MS, type KeyLease } from './key-lease'
import { RateGovernor } from './rate-governor'

/**
 * The share of a key's limit one lane paces at: the least of what 429s taught (RateGovernor)
 * and what the machine's lease gives this process (1/holders, when other processes on this
 * machine use the key). Both buckets follow it.
 */
export class LanePacing {
  readonly governor: RateGovernor
  private leaseShare = 1
  private renewedAt = Number.NEGATIVE_INFINITY

  constructor(
    private readonly buckets: readonly ContinuousBucket[],
    private readonly now: () => number,
    private readonly lease?: KeyLease
  ) {
    this.governor = new RateGovernor(now)
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
    if (!this.lease || this.now() - this.renewedAt < LEASE_RENEW_MS) return
    this.renewedAt = this.now()
    this.leaseShare = this.lease.renew()
    this.apply()
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
    if (!this.lease || this.renewedAt === Number.NEGATIVE_INFINITY) return
    this.lease.release()
    this.renewedAt = Number.NEGATIVE_INFINITY
    this.leaseShare = 1
    this.apply()
  }

  private apply(): void {
    for (const bucket of this.buckets) bucket.setCap(this.share)
  }
}
