import type { FaultOptions } from './options'
import type { Random } from './rng'

export type Fault = keyof FaultOptions

const ORDER: readonly Fault[] = [
  'fail500',
  'fail502',
  'fail503',
  'reset',
  'hang',
  'slowBody',
  'malformedJson',
  'stallBody'
]

/** Draws at most one fault for a request, each with its configured probability. */
export function drawFault(faults: FaultOptions, random: Random): Fault | null {
  const roll = random()
  let edge = 0
  for (const fault of ORDER) {
    edge += faults[fault]
    if (roll < edge) return fault
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
