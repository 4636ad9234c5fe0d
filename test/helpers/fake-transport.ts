import type { ChatCompletion } from 'openai/resources/chat/completions'
import type { RequestFailure } from '../../src/core/openai/failure'
import type { RateLimitReport } from '../../src/core/openai/rate-headers'
import type { ChatTransport, TransportResult } from '../../src/core/openai/transport'
import type { FakeClock } from './fake-clock'

export interface Call {
  keyId: string
  itemId: string
  at: number
  timeoutMs: number
}

/** What the fake server does with one call: answer after `latencyMs`, or fail. */
export type Reply = {
  latencyMs?: number
  failure?: RequestFailure
  rateLimits?: RateLimitReport | null
}

/** A completion with the given text and usage, as the SDK would return it. */
export function completion(
  text: string,
  promptTokens = 100,
  completionTokens = 20
): ChatCompletion {
  return {
    id: 'chatcmpl-fake',
    object: 'chat.completion',
    created: 0,
    model: 'gpt-4o',
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content: text, refusal: null },
        finish_reason: 'stop',
        logprobs: null
      }
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens
    }
  }
}

/** A transport on the fake clock; `reply` decides each call's fate. The body's `user` is the item id. */
export function fakeTransport(
  clock: FakeClock,
  reply: (call: Call, calls: Call[]) => Reply
): { transport: ChatTransport; calls: Call[]; maxInFlight: () => number } {
  const calls: Call[] = []
  let inFlight = 0
  let maxInFlight = 0
  const transport: ChatTransport = {
    send(keyId, body, { signal, timeoutMs }) {
      const call: Call = { keyId, itemId: String(body.user), at: clock.now(), timeoutMs }
      calls.push(call)
      inFlight++
      maxInFlight = Math.max(maxInFlight, inFlight)
      const { latencyMs = 0, failure, rateLimits = null } = reply(call, calls)
      return new Promise<TransportResult>((resolve) => {
        const done = (result: TransportResult): void => {
          inFlight--
          resolve(result)
        }
        const timer = clock.setTimeout(
          () =>
            done(
              failure
                ? { ok: false, failure }
                : { ok: true, completion: completion(`answer ${call.itemId}`), rateLimits }
            ),
          latencyMs
        )
        signal.addEventListener('abort', () => {
          clock.clearTimeout(timer)
          done({ ok: false, failure: { kind: 'aborted', message: 'Cancelled.' } })
        })
      })
    }
  }
  return { transport, calls, maxInFlight: () => maxInFlight }
}

/** `n` work items charging `charge` tokens each; the body carries the id in `user`. */
export function workItems(
  n: number,
  charge = 100
): { id: string; body: { model: string; messages: []; user: string }; chargeTokens: number }[] {
  return Array.from({ length: n }, (_, i) => ({
    id: `item-${i}`,
    body: { model: 'gpt-4o', messages: [], user: `item-${i}` },
    chargeTokens: charge
  }))
}
