import { appendFileSync } from 'node:fs'

/** One request as the simulator saw it: tests and benchmarks assert on these. */
export interface LogEntry {
  seq: number
  /** Milliseconds since the simulator started (on its clock). */
  at: number
  /** Wall-clock time the request ended (Date.now()), to compare with other processes' records. */
  time: number
  /** Wall-clock time just before a successful answer was written: no client can have it earlier. */
  answeredAt?: number
  method: string
  path: string
  /** The key's last four characters, never the key. */
  key: string
  status: number
  /** `ok`, `rate_limited`, `too_large`, `insufficient_quota`, `unauthorized`, `invalid`, `fault:<kind>`, `answer:<kind>`, `client_gone` (`_billed`: paid all the same), `outage`. */
  outcome: string
  model?: string
  images?: { sha256: string; width: number; height: number; detail: string }[]
  chargeTokens?: number
  /** Images an image endpoint made (billed) for the request. */
  imagesOut?: number
  /** An image request's words (the prompt), to check what a generation was asked. */
  prompt?: string
  /** An edit came with a mask (a PNG). */
  masked?: boolean
  /** Wall-clock time an image request was admitted or refused (after its body arrived). */
  admittedTime?: number
  promptTokens?: number
  completionTokens?: number
  retryAfterMs?: number
  /** The `service_tier` asked for, when one was (`flex`). */
  serviceTier?: string
  /** Prompt tokens read from the key's prompt cache. */
  cachedTokens?: number
}

/** The simulator's request log: kept in memory and, when given a path, appended as JSONL. */
export class RequestLog {
  readonly entries: LogEntry[] = []
  /** Hears each entry as it is recorded (a test acts at an exact moment). */
  onEntry: ((entry: LogEntry) => void) | null = null
  private readonly startedAt: number

  constructor(
    private readonly now: () => number,
    private readonly path?: string
  ) {
    this.startedAt = now()
  }

  /** Records an entry (seq and time are filled in). */
  add(entry: Omit<LogEntry, 'seq' | 'at' | 'time'>): LogEntry {
    const full: LogEntry = {
      seq: this.entries.length + 1,
      at: this.now() - this.startedAt,
      time: Date.now(),
      ...entry
    }
    this.entries.push(full)
    if (this.path) appendFileSync(this.path, `${JSON.stringify(full)}\n`)
    this.onEntry?.(full)
    return full
  }

  /** How many times each image was billed: answered, or finished after its client went away. */
  billedByImage(): Map<string, number> {
    const counts = new Map<string, number>()
    for (const entry of this.entries) {
      if (entry.outcome !== 'ok' && entry.outcome !== 'client_gone_billed') continue
      for (const image of entry.images ?? [])
        counts.set(image.sha256, (counts.get(image.sha256) ?? 0) + 1)
    }
    return counts
  }

  /** How many times each image (by sha256) was answered successfully. */
  answersByImage(): Map<string, number> {
    const counts = new Map<string, number>()
    for (const entry of this.entries) {
      if (entry.outcome !== 'ok') continue
      for (const image of entry.images ?? [])
        counts.set(image.sha256, (counts.get(image.sha256) ?? 0) + 1)
    }
    return counts
  }
}
