import type { KeyLane } from './key-lane'

/** Which key takes a request: the one with the soonest capacity, or why none can. */
export type LaneChoice =
  | { kind: 'lane'; lane: KeyLane; waitMs: number }
  | { kind: 'no-active-key'; reason: string }
  | { kind: 'too-large'; reason: string }

/** Picks, among active keys whose TPM limit can ever admit `charge`, the one ready soonest. */
export function chooseLane(lanes: readonly KeyLane[], charge: number): LaneChoice {
  const active = lanes.filter((lane) => lane.active)
  if (active.length === 0)
    return { kind: 'no-active-key', reason: lanes[0]?.stoppedReason ?? 'No API key is configured.' }
  const fitting = active.filter((lane) => lane.fits(charge))
  if (fitting.length === 0) {
    const limit = Math.max(...active.map((lane) => lane.tokens.perMinute))
    return {
      kind: 'too-large',
      reason: `This request needs ${charge} tokens but the key allows ${limit} tokens per minute; use a lower detail or a smaller answer.`
    }
  }
  let best: LaneChoice & { kind: 'lane' } = {
    kind: 'lane',
    lane: fitting[0],
    waitMs: fitting[0].readyIn(charge)
  }
  for (const lane of fitting.slice(1)) {
    const waitMs = lane.readyIn(charge)
    if (waitMs < best.waitMs) best = { kind: 'lane', lane, waitMs }
  }
  return best
}
