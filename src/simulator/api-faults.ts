import type { IncomingMessage, ServerResponse } from 'node:http'
import { FAULT_RESPONSES, drawOne } from './faults'
import { SimError, requestRateLimit } from './errors'
import { sendError } from './http'
import type { Random } from './rng'

/** Probabilities (0–1) of faults on the Files and Batches endpoints, drawn per request. */
export interface ApiFaultOptions {
  /** 503 "overloaded". */
  fail503: number
  /** The connection dropped before any answer. */
  reset: number
  /** 429 rate_limit_exceeded on requests, with `retry-after: 1`. */
  rateLimited: number
}

export const NO_API_FAULTS: ApiFaultOptions = { fail503: 0, reset: 0, rateLimited: 0 }

const ORDER: readonly (keyof ApiFaultOptions)[] = ['fail503', 'reset', 'rateLimited']

type Handler<A, O> = (
  req: IncomingMessage,
  res: ServerResponse,
  account: A,
  match: RegExpExecArray
) => Promise<O>

/** Wraps a Files or Batches handler so it fails as `faults` draw, before it does anything. */
export function withApiFaults<A, O extends { status: number; outcome: string }>(
  handler: Handler<A, O>,
  faults: ApiFaultOptions,
  random: Random
): Handler<A, O | { status: number; outcome: string }> {
  return async (req, res, account, match) => {
    if (ORDER.every((fault) => faults[fault] === 0)) return handler(req, res, account, match)
    const fault = drawOne(faults, ORDER, random)
    if (fault === 'reset') {
      res.socket?.destroy()
      return { status: 0, outcome: 'fault:reset' }
    }
    if (fault === 'fail503') {
      sendError(res, new SimError(503, 'server_error', null, FAULT_RESPONSES.fail503!.message))
      return { status: 503, outcome: 'fault:fail503' }
    }
    if (fault === 'rateLimited')
      throw requestRateLimit(
        'Rate limit reached for requests on the Batch API. Please try again in 1s.'
      )
    return handler(req, res, account, match)
  }
}
