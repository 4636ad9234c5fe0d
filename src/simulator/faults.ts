import type { Random } from './rng'

/** Probabilities (0–1) of injected faults, drawn per admitted request. */
export interface FaultOptions {
  fail500: number
  fail502: number
  fail503: number
  reset: number
  hang: number
  slowBody: number
  /** Headers and half the body, then nothing: the rest never comes. */
  stallBody: number
  malformedJson: number
  /** Headers and half the body, then the connection closes (a reset after headers). */
  truncateBody: number
}

export type Fault = keyof FaultOptions

const ORDER: readonly Fault[] = [
  'fail500',
  'fail502',
  'fail503',
  'reset',
  'hang',
  'slowBody',
  'malformedJson',
  'stallBody',
  'truncateBody'
]

/** Draws at most one fault for a request, each with its configured probability. */
export function drawFault(faults: FaultOptions, random: Random): Fault | null {
  return drawOne(faults, ORDER, random)
}

/** One roll: the first of `order` whose cumulative probability covers it, or null. */
export function drawOne<K extends string>(
  probabilities: Record<K, number>,
  order: readonly K[],
  random: Random
): K | null {
  const roll = random()
  let edge = 0
  for (const name of order) {
    edge += probabilities[name]
    if (roll < edge) return name
  }
  return null
}

/** The OpenAI-style body and status of the HTTP-error faults. */
export const FAULT_RESPONSES: Partial<Record<Fault, { status: number; message: string }>> = {
  fail500: {
    status: 500,
    message: 'The server had an error while processing your request. Sorry about that!'
  },
  fail502: { status: 502, message: 'Bad gateway.' },
  fail503: { status: 503, message: 'The engine is currently overloaded, please try again later.' }
}
