import { createHash, randomBytes } from 'node:crypto'
import { mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** A lease not renewed for this long is dead: its holder crashed or its job ended. */
export const LEASE_TTL_MS = 10_000
/** How often a holder that is sending renews its lease. */
export const LEASE_RENEW_MS = 1_000

/**
 * The id a key's lease goes by: a one-way hash of the endpoint and the key, the same in the
 * window and the CLI, from which the key cannot be recovered.
 */
export function keyShareId(baseURL: string | undefined, apiKey: string): string {
  const endpoint = baseURL ?? 'https://api.openai.com/v1'
  return createHash('sha256').update(`${endpoint}\n${apiKey}`).digest('hex').slice(0, 16)
}

/** This process's hold on one key, shared with the other processes on the machine. */
export interface KeyLease {
  /** Says this process still uses the key; returns its share of the key's rate (1/holders). */
  renew(): number
  /** This process stops using the key: the others take its share at their next renewal. */
  release(): void
}

/**
 * A lease as a sending lane keeps it: renewed at most once a second (so others see this process
 * and it sees them), its share remembered between renewals, released only if it was ever taken.
 */
export class LeaseHold {
  /** The share of the key's rate this process may use now (1/holders). */
  share = 1
  private renewedAt = Number.NEGATIVE_INFINITY

  constructor(
    private readonly lease: KeyLease,
    private readonly now: () => number
  ) {}

  /** Before sending: renews once a second is up. True when the share changed. */
  renew(): boolean {
    if (this.now() - this.renewedAt < LEASE_RENEW_MS) return false
    this.renewedAt = this.now()
    const share = this.lease.renew()
    const changed = share !== this.share
    this.share = share
    return changed
  }

  /** No work left here: the others take this share at their next renewal. True if it was held. */
  release(): boolean {
    if (this.renewedAt === Number.NEGATIVE_INFINITY) return false
    this.lease.release()
    this.renewedAt = Number.NEGATIVE_INFINITY
    this.share = 1
    return true
  }
}

/** Where processes on one machine meet to split a key's rate (the data folder's `leases`). */
export interface LeaseBoard {
  /** A hold on the key named `keyId` (an id, never the key itself). */
  hold(keyId: string): KeyLease
}

/**
 * Leases in the data folder: one directory per key, named by the key's id, with one small file
 * per holder (the window, each CLI run) holding the time of its last renewal. A holder counts
 * while its last renewal is under 10 s old, so a crashed process stops counting by itself, and
 * no two holders ever write the same file. A folder that cannot be written leaves every process
 * its whole rate (the 429 learning still splits it).
 */
export class FileLeaseBoard implements LeaseBoard {
  private readonly holder = `${process.pid}-${randomBytes(4).toString('hex')}`

  constructor(
    private readonly dir: string,
    private readonly now: () => number = Date.now
  ) {}

  hold(keyId: string): KeyLease {
    const keyDir = join(this.dir, keyId.replace(/[^\w.-]/g, '_'))
    const mine = join(keyDir, `${this.holder}.json`)
    return {
      renew: () => this.renew(keyDir, mine),
      release: () => rmSync(mine, { force: true })
    }
  }

  private renew(keyDir: string, mine: string): number {
    try {
      mkdirSync(keyDir, { recursive: true })
      const temp = `${mine}.tmp`
      writeFileSync(temp, JSON.stringify({ renewedAt: this.now() }))
      renameSync(temp, mine)
      return 1 / Math.max(1, this.liveHolders(keyDir))
    } catch {
      return 1
    }
  }

  private liveHolders(keyDir: string): number {
    const now = this.now()
    let live = 0
    for (const name of readdirSync(keyDir)) {
      if (!name.endsWith('.json')) continue
      const renewedAt = renewedAtOf(join(keyDir, name))
      if (renewedAt !== undefined && now - renewedAt < LEASE_TTL_MS) live++
      // Long dead: tidy it away (another holder may do the same; `force` makes that harmless).
      else if (renewedAt === undefined || now - renewedAt > 6 * LEASE_TTL_MS)
        rmSync(join(keyDir, name), { force: true })
    }
    return live
  }
}

function renewedAtOf(path: string): number | undefined {
  try {
    const { renewedAt } = JSON.parse(readFileSync(path, 'utf8')) as { renewedAt?: unknown }
    return typeof renewedAt === 'number' ? renewedAt : undefined
  } catch {
    return undefined
  }
}
