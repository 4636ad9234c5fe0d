import { ContinuousBucket } from '@shared/ratelimit/bucket'

/** A key's lane for one image model: its images per minute, learned down from 429s. */
export interface ImageLane {
  id: string
  apiKey: string
  bucket: ContinuousBucket
  /** The key's tokens per minute for the model (input and output image tokens), when known. */
  tokens?: ContinuousBucket
  /** Until when the server asked this key to wait. */
  coolUntil: number
  /** The key may not use the model (a 429 naming a limit of 0): nothing more goes here. */
  closed: boolean
}

/**
 * Lanes for keys, each paced evenly at its images per minute (one image of burst) and, when its
 * tokens per minute are known, at those too (`eachTokens`: what one image is expected to take).
 */
export function imageLanes(
  keys: readonly { id: string; apiKey: string; ipm: number; tpm?: number }[],
  now: () => number,
  eachTokens = 0
): ImageLane[] {
  return keys.map((key) => ({
    id: key.id,
    apiKey: key.apiKey,
    bucket: new ContinuousBucket(key.ipm, 60 / key.ipm, now),
    ...(key.tpm && eachTokens > 0 ? { tokens: tokenBucket(key.tpm, eachTokens, now) } : {}),
    coolUntil: 0,
    closed: false
  }))
}

/**
 * Tokens paced a little under the limit: an image is often larger than the second of burst a
 * server keeps, so at exactly the limit every request would land on the edge of a 429.
 */
const TOKEN_HEADROOM = 0.95

function tokenBucket(tpm: number, eachTokens: number, now: () => number): ContinuousBucket {
  const pace = tpm * TOKEN_HEADROOM
  return new ContinuousBucket(pace, (60 * eachTokens) / pace, now)
}

/** Takes one image, and its expected tokens, from a lane with room. */
export function takeImage(lane: ImageLane, eachTokens: number): void {
  lane.bucket.take(1)
  lane.tokens?.take(eachTokens)
}

/**
 * The lane to send the next image on, and how long to wait for it: the open lane with room
 * soonest (several keys share the work by what each can take). Null when every lane is closed.
 */
export function nextLane(
  lanes: readonly ImageLane[],
  now: number,
  eachTokens = 0
): { lane: ImageLane; waitMs: number } | null {
  let best: { lane: ImageLane; waitMs: number } | null = null
  for (const lane of lanes) {
    if (lane.closed) continue
    const tokensMs = lane.tokens?.waitFor(eachTokens) ?? 0
    const waitMs = Math.max(lane.bucket.waitFor(1), tokensMs, lane.coolUntil - now, 0)
    if (!best || waitMs < best.waitMs) best = { lane, waitMs }
  }
  return best
}

/** A 429 on a lane: wait as told, and take the limit it named as the lane's rate from now on. */
export function coolDown(lane: ImageLane, now: number, waitMs: number, limit: number | null): void {
  lane.coolUntil = Math.max(lane.coolUntil, now + waitMs)
  lane.bucket.setLevel(0)
  lane.tokens?.setLevel(0)
  if (limit && limit < lane.bucket.perMinute) lane.bucket.setRefill(limit)
}

/** A lane as a person sees it: its pace now, how long the server asked it to wait, whether closed. */
export function laneState(
  lane: ImageLane,
  now: number
): { id: string; ipm: number; coolingMs: number; closed: boolean } {
  return {
    id: lane.id,
    ipm: lane.bucket.pacePerMinute,
    coolingMs: Math.max(0, lane.coolUntil - now),
    closed: lane.closed
  }
}

/**
 * An answer's headers named the key's images per minute: the lane takes it as its limit, up
 * (Settings or the tier table said less) or down, keeping what 429s taught it of others' share.
 */
export function learnLimit(lane: ImageLane, limit: number | null): void {
  if (limit && limit !== lane.bucket.perMinute) lane.bucket.setLimit(limit)
}
