import { z } from 'zod'
import type { KeyProgress, ProgressTotals } from './progress'

export const keyViewSchema = z.object({
  id: z.string(),
  label: z.string(),
  rpm: z.number(),
  tpm: z.number(),
  limitsFrom: z.enum(['settings', 'headers']),
  remainingRequests: z.number().optional(),
  remainingTokens: z.number().optional(),
  coolingInMs: z.number().optional(),
  coolingCause: z.enum(['rate_limit', 'network']).optional(),
  coolingLimit: z.enum(['requests', 'tokens']).optional(),
  inFlight: z.number(),
  concurrencyCap: z.number(),
  latencyP50Ms: z.number().optional(),
  latencyP95Ms: z.number().optional(),
  rateLimitHits: z.number(),
  stopped: z.boolean()
}) satisfies z.ZodType<KeyProgress>

export const totalsSchema = z.object({
  total: z.number(),
  done: z.number(),
  failed: z.number(),
  inFlight: z.number(),
  retrying: z.number(),
  tokensIn: z.number(),
  tokensOut: z.number(),
  costUsd: z.number(),
  possiblyPaidTwice: z.number(),
  throughputPerMin: z.number(),
  etaMs: z.number().optional()
}) satisfies z.ZodType<ProgressTotals>

/** Totals of a run that has not started: nothing sent, nothing spent. */
export function emptyTotals(total = 0): ProgressTotals {
  return {
    total,
    done: 0,
    failed: 0,
    inFlight: 0,
    retrying: 0,
    tokensIn: 0,
    tokensOut: 0,
    costUsd: 0,
    possiblyPaidTwice: 0,
    throughputPerMin: 0
  }
}

/** Where a job's run stands: not started, running, paused, or how it ended. */
export const runStatusSchema = z.enum([
  'idle',
  'running',
  'paused',
  'completed',
  'cancelled',
  'stopped'
])
export type RunStatus = z.infer<typeof runStatusSchema>

export const runViewSchema = z.object({
  status: runStatusSchema,
  totals: totalsSchema,
  keys: z.array(keyViewSchema),
  /** Why a run stopped: the stop kind (quota, auth, budget, daily_limit, disk_full, …) and the server's words. */
  stop: z
    .object({ kind: z.string(), reason: z.string(), resumeInMs: z.number().optional() })
    .optional(),
  /** Live requests or the Batch API. */
  mode: z.enum(['live', 'flex', 'batch']),
  /** A Batch job's files and where each stands (also after a restart, from the journal). */
  batch: z
    .object({
      phase: z.enum(['building', 'submitting', 'waiting', 'collecting', 'cancelling', 'done']),
      built: z.number(),
      parts: z.array(
        z.object({
          n: z.number(),
          status: z.string(),
          lines: z.number(),
          completed: z.number(),
          failed: z.number(),
          settled: z.boolean(),
          problem: z.string().optional()
        })
      ),
      enqueuedTokens: z.number(),
      enqueueLimit: z.number().optional(),
      nextPollInMs: z.number().optional(),
      /** Photos whose line failed or expired: what "Re-run" sends. */
      rerunnable: z.number().optional()
    })
    .optional(),
  /** What the estimate said the whole job would cost, to show spending against it. */
  estimateUsd: z.number().nullable().optional(),
  elapsedMs: z.number().nonnegative()
})
export type RunView = z.infer<typeof runViewSchema>

/** One second of the rate-limits chart: what was sent, and how many 429s came back. */
export const limitSampleSchema = z.object({
  at: z.number(),
  requests: z.number(),
  tokens: z.number(),
  rateLimited: z.number(),
  rpm: z.number(),
  tpm: z.number()
})
export type LimitSample = z.infer<typeof limitSampleSchema>
