import type { BatchEvent } from './batch-state'

/** Tokens and money one or more paid attempts used. */
export interface Spend {
  costUsd: number
  promptTokens: number
  completionTokens: number
  /** Of the prompt tokens, those read from the prompt cache (billed at the cached price). */
  cachedTokens?: number
}

/** What one answered photo produced, as the journal, the cache and the exports keep it. */
export interface ItemResult {
  /** The model's answer as text (for multi-field templates, the JSON text). */
  text: string
  /** Parsed fields for multi-field templates. */
  fields?: Record<string, unknown>
  model: string
  promptTokens: number
  completionTokens: number
  /** Of the prompt tokens, those read from the prompt cache. */
  cachedTokens?: number
  costUsd: number
  /** The `service_tier` the answer says it ran on (`flex`: billed at Flex prices). */
  serviceTier?: string
  latencyMs: number
  finishReason: string
  /** Served by the result cache: nothing was sent or paid. */
  fromCache: boolean
  /** A rule the answer broke, when it is kept for review. */
  review?: string
  /** The fields were changed by a person (an edited spreadsheet was imported). */
  edited?: boolean
  /** Answered in the request of this photo (its product's lead), whose result carries the spend. */
  lead?: string
}

/** A person's judgement of an answer in the review desk. */
export type Verdict = 'approved' | 'rejected'

/** One line of `journal.jsonl`. Replay folds them into every item's state. */
export type JournalEvent =
  /** `size`: the photo's upright size, when its header was read while hashing. */
  | {
      e: 'added'
      id: string
      sha256: string
      bytes: number
      paths: string[]
      size?: { width: number; height: number }
    }
  | { e: 'rejected'; id: string; path: string; reason: string }
  /**
   * `photos`: the request carried several photos of one product (this one first): each gets the
   * answer, with its own entry of each `perPhoto` list (alt text); the spend stays on this one.
   */
  | {
      e: 'done'
      id: string
      at: number
      result: ItemResult
      photos?: string[]
      perPhoto?: string[]
    }
  /** `spend`: what answers that could not be used (refusals, broken JSON, …) cost. */
  | {
      e: 'failed'
      id: string
      at: number
      code: string
      reason: string
      spend?: Spend
      photos?: string[]
    }
  /** A person's edit; `review`: a rule the edited answer still breaks (older lines have none). */
  | { e: 'edited'; id: string; at: number; fields: Record<string, unknown>; review?: string }
  /** A person approved or rejected an answer (null: the judgement taken back). */
  | { e: 'verdict'; id: string; at: number; verdict: Verdict | null }
  /**
   * Undo: an answer put back whole as it was before a person's last change, with its verdict;
   * `setAside`: the answer it replaces was a paid one (a regenerated answer), kept as spend.
   */
  | {
      e: 'restored'
      id: string
      at: number
      result: ItemResult
      verdict: Verdict | null
      setAside?: boolean
    }
  /** A person asked for another answer, with a note ("shorter"): sent again, the cache bypassed. */
  /** `field`: only that field is asked for again; the answer's other fields stay as they are. */
  | { e: 'regenerate'; id: string; at: number; note: string; field?: string }
  /** A person asked for the item to be sent again (Retry). */
  | { e: 'requeued'; id: string; at: number }
  /** A person took the item out of the job. */
  | { e: 'removed'; id: string; at: number }
  | { e: 'stopped'; at: number; kind: string; reason: string }
  | { e: 'finished'; at: number }
  | BatchEvent
