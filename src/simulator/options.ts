import { CATALOG_FIGURES_DATE } from '@shared/models/catalog'
import { NO_ANSWER_FAULTS, type AnswerFaultOptions } from './answer-faults'
import { NO_API_FAULTS, type ApiFaultOptions } from './api-faults'
import type { FaultOptions } from './faults'
import { DEFAULT_FLEX, type FlexOptions } from './flex-options'

export type { FaultOptions } from './faults'

/** How a server's `remaining` header counts what is left. */
export type RemainingScale = 'minute' | 'window'

/** Limits and behaviour of one simulated API key. */
export interface KeyOptions {
  rpm: number
  tpm: number
  /** Seconds of refill a bucket holds: 60 = a whole minute's budget, 1 = one second's share. */
  burstSeconds: number
  /** After admitting this many requests the key answers 429 `insufficient_quota`. */
  quotaAfter?: number
  /** Requests per day: past it, a 429 that names the RPD limit and when it resets. */
  rpd?: number
  /** Refused requests (429s and other errors) count toward RPM too, as OpenAI's do. */
  refusedCount?: boolean
  /** A project-scoped token limit, sent as `x-ratelimit-*-project-tokens` and enforced. */
  projectTpm?: number
  /** The Batch API's enqueued-token limit: input tokens this key's unfinished batches may hold. */
  batchQueueTokens?: number
  /** Images per minute on the image endpoints (default 50); 0: the key has no image access. */
  ipm?: number
  /** Tokens per minute on the image endpoints (input and output image tokens); none when absent. */
  imageTpm?: number
}

export interface BatchOptions {
  /** How long each batch status (validating, in_progress, finalizing) lasts. */
  stepMs: number
  /** Share of lines that fail and go to the error file. */
  failRate: number
  /**
   * Batches that expire instead of completing (half the lines answered, the rest expired): all of
   * them (true), or the first n created.
   */
  expire: boolean | number
  /** The first n batches created fail validation (a whole-file error, nothing run). */
  failValidation: number
  /** How a full queue refuses: the batch fails (`token_limit_exceeded`, as OpenAI does) or a 429 at creation. */
  queueRefusal: 'failed' | '429'
  /** Faults on the Files and Batches endpoints themselves (uploads, creates, polls, downloads). */
  apiFaults: ApiFaultOptions
}

/** Everything a simulator scenario can set; see `resolveOptions` for the defaults. */
export interface SimulatorOptions {
  host: string
  port: number
  /** Known keys. Empty: any bearer token is accepted and gets `defaultKey` limits. */
  keys: Record<string, Partial<KeyOptions>>
  defaultKey: KeyOptions
  /** `formula`: charge each image its billed tokens; a number: charge that flat amount per image. */
  imageCharge: 'formula' | number
  /** Tokens reserved for the answer when a request names no `max_completion_tokens`. */
  defaultMaxOutput: number
  latencyMs: number
  latencyJitterMs: number
  faults: FaultOptions
  /** Odd but valid answers: refusals, filtered, fenced, over-long, partial usage, no choices. */
  answerFaults: AnswerFaultOptions
  slowBodyMs: number
  /** Send `x-ratelimit-*` headers (real OpenAI does; local servers such as Ollama do not). */
  rateLimitHeaders: boolean
  /** How `x-ratelimit-remaining-*` counts: scaled to the minute, or against the short window enforced. */
  remainingScale: RemainingScale
  batch: BatchOptions
  seed: number
  /** A request whose client went away (a timeout, a cancel) is still answered and billed, as OpenAI may. */
  billAbandoned: boolean
  /** 429s carry no `retry-after`, `retry-after-ms` or rate-limit headers (seen on real 429s). */
  bare429: boolean
  /** The endpoint goes away: after this many requests, every connection is dropped for `durationMs`. */
  outage?: { afterRequests: number; durationMs: number }
  /** A 429 storm: after `afterRequests` requests, every request is refused for `durationMs`. */
  storm?: { afterRequests: number; durationMs: number; retryAfter: boolean }
  /** Append one JSON line per request here (tests assert what was sent). */
  logPath?: string
  now: () => number
  /**
   * The day the simulated API lives in (`YYYY-MM-DD`): a model whose shutdown date has come is
   * gone from `/v1/models` and answers 404 `model_not_found`. Tests give it; the demo uses today.
   */
  today: () => string
  /** Models this endpoint no longer lists (and answers 404 for), whatever their dates. */
  withdrawn: string[]
  /** Send `shutdown_date` in `/v1/models` (OpenAI does; gateways and local servers do not). */
  shutdownDates: boolean
  /** The Flex tier: how much slower, and how often it has no capacity. */
  flex: FlexOptions
}

export type SimulatorOverrides = Partial<
  Omit<SimulatorOptions, 'faults' | 'answerFaults' | 'batch' | 'defaultKey' | 'flex'>
> & {
  flex?: Partial<FlexOptions>
  faults?: Partial<FaultOptions>
  answerFaults?: Partial<AnswerFaultOptions>
  batch?: Partial<Omit<BatchOptions, 'apiFaults'>> & { apiFaults?: Partial<ApiFaultOptions> }
  defaultKey?: Partial<KeyOptions>
}

const NO_FAULTS: FaultOptions = {
  fail500: 0,
  fail502: 0,
  fail503: 0,
  reset: 0,
  hang: 0,
  slowBody: 0,
  stallBody: 0,
  malformedJson: 0,
  truncateBody: 0
}

/** Fills every option not given with a calm default: 500 RPM, 200k TPM, minute burst, no faults. */
export function resolveOptions(overrides: SimulatorOverrides = {}): SimulatorOptions {
  return {
    host: '127.0.0.1',
    port: 0,
    keys: {},
    imageCharge: 'formula',
    defaultMaxOutput: 4096,
    latencyMs: 0,
    latencyJitterMs: 0,
    slowBodyMs: 2000,
    rateLimitHeaders: true,
    remainingScale: 'minute',
    bare429: false,
    billAbandoned: true,
    seed: 1,
    now: () => Date.now(),
    // The day the catalog's figures were taken (or the one a test gives): never the real clock,
    // so a simulated run does not change behaviour on the day a model is switched off.
    today: () => process.env.PHOTOSCRIBE_TODAY || CATALOG_FIGURES_DATE,
    withdrawn: [],
    shutdownDates: true,
    ...overrides,
    defaultKey: { rpm: 500, tpm: 200_000, burstSeconds: 60, ...overrides.defaultKey },
    flex: { ...DEFAULT_FLEX, ...overrides.flex },
    faults: { ...NO_FAULTS, ...overrides.faults },
    answerFaults: { ...NO_ANSWER_FAULTS, ...overrides.answerFaults },
    batch: {
      stepMs: 500,
      failRate: 0,
      expire: false,
      failValidation: 0,
      queueRefusal: 'failed',
      ...overrides.batch,
      apiFaults: { ...NO_API_FAULTS, ...overrides.batch?.apiFaults }
    }
  }
}

/** The limits a key runs under, or undefined when the key is not accepted. */
export function keyOptionsFor(options: SimulatorOptions, key: string): KeyOptions | undefined {
  if (key === '') return undefined
  const known = Object.keys(options.keys)
  if (known.length === 0) return options.defaultKey
  const own = options.keys[key]
  return own ? { ...options.defaultKey, ...own } : undefined
}
