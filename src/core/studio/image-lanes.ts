import { ContinuousBucket } from '@shared/ratelimit/bucket'
import { LeaseHold, type KeyLease } from '../scheduler/key-lease'

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
  now: () => number
  /** The quickest upload of a request body seen on this lane (ms). */
  quickestUploadMs?: number
  /** This process's hold on the key and model among the processes of this machine. */
  lease?: LeaseHold
  /** Paces the lane at its share while others on this machine hold the key and model. */
  shareBucket?: ContinuousBucket
}

/**
 * Lanes for keys, each paced evenly at its images per minute (one image of burst) and, when its
 * tokens per minute are known, at those too (`eachTokens`: what one image is expected to take).
 */
export function imageLanes(
  keys: readonly { id: string; apiKey: string; ipm: number; tpm?: number }[],
  now: () => number,
  eachTokens = 0,
  /** The machine's lease on a key and model, when processes here split it. */
  hold?: (key: { id: string; apiKey: string }) => KeyLease | undefined
): ImageLane[] {
  return keys.map((key) => {
    const lease = hold?.(key)
    return {
      id: key.id,
      apiKey: key.apiKey,
      bucket: imageBucket(key.ipm, now),
      ...(key.tpm && eachTokens > 0 ? { tokens: tokenBucket(key.tpm, eachTokens, now) } : {}),
      coolUntil: 0,
      closed: false,
      now,
      lease: lease && new LeaseHold(lease, now)
    }
  })
}

/**
 * Renews the lane's lease once a second, so the other processes on this machine see it and it
 * sees them: with n holding the key and model, the lane paces at 1/n of its limit as well.
 */
export function renewLease(lane: ImageLane): void {
  if (!lane.lease?.renew()) return
  const share = lane.lease.share
  lane.shareBucket = share < 1 ? imageBucket(laneLimit(lane) * share, lane.now, 0) : undefined
}

/** The run is over: the others on this machine take this lane's share at their next renewal. */
export function releaseLease(lane: ImageLane): void {
  lane.lease?.release()
  lane.shareBucket = undefined
}

/**
 * Images paced a hair under the limit: a lane's burst is one image, so a server that counts a
 * request a few milliseconds late (its own load) would see the next one early at exactly the limit.
 */
const IMAGE_HEADROOM = 0.99

function imageBucket(ipm: number, now: () => number, startFraction = 1): ContinuousBucket {
  const pace = ipm * IMAGE_HEADROOM
  return new ContinuousBucket(pace, 60 / pace, now, startFraction)
}

/** The images per minute a lane works to (its pace, without the headroom). */
export function laneLimit(lane: ImageLane): number {
  return lane.bucket.pacePerMinute / IMAGE_HEADROOM
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

/**
 * A request's body arrived at the server after `uploadMs`, and the server counts it from then, not
 * from when it left. The next request may upload as fast as the quickest seen, so the lane's next
 * image waits the difference: two requests sent an interval apart then still land at least an
 * interval apart. (Waiting the whole upload would be exact too, but would cost it on every image.)
 */
export function bodySent(lane: ImageLane, uploadMs: number): void {
  // Before any upload was seen the next may be instant: the first waits its whole upload.
  const lateMs = uploadMs - (lane.quickestUploadMs ?? 0)
  lane.quickestUploadMs = Math.min(lane.quickestUploadMs ?? uploadMs, uploadMs)
  if (lateMs <= 0) return
  for (const bucket of [lane.bucket, lane.tokens]) {
    if (bucket) bucket.setLevel(bucket.levelNow() - (lateMs / 60_000) * bucket.pacePerMinute)
  }
}

/** Takes one image, and its expected tokens, from a lane with room. */
export function takeImage(lane: ImageLane, eachTokens: number): void {
  lane.bucket.take(1)
  lane.shareBucket?.take(1)
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
    renewLease(lane)
    const tokensMs = lane.tokens?.waitFor(eachTokens) ?? 0
    const shareMs = lane.shareBucket?.waitFor(1) ?? 0
    const waitMs = Math.max(lane.bucket.waitFor(1), tokensMs, shareMs, lane.coolUntil - now, 0)
    if (!best || waitMs < best.waitMs) best = { lane, waitMs }
  }
  return best
}

/** A 429 on a lane: wait as told, and take the limit it named as the lane's rate from now on. */
export function coolDown(lane: ImageLane, now: number, waitMs: number, limit: number | null): void {
  lane.coolUntil = Math.max(lane.coolUntil, now + waitMs)
  lane.bucket.setLevel(0)
  lane.tokens?.setLevel(0)
  const pace = limit ? limit * IMAGE_HEADROOM : null
  if (pace && pace < lane.bucket.perMinute) lane.bucket.setRefill(pace)
}

/** A lane as a person sees it: its pace now, how long the server asked it to wait, whether closed. */
export function laneState(
  lane: ImageLane,
  now: number
): { id: string; ipm: number; coolingMs: number; closed: boolean } {
  return {
    id: lane.id,
    ipm: laneLimit(lane),
    coolingMs: Math.max(0, lane.coolUntil - now),
    closed: lane.closed
  }
}

/**
 * An answer's headers named the key's images per minute: the lane takes it as its limit, up
 * (Settings or the tier table said less) or down, keeping what 429s taught it of others' share.
 */
export function learnLimit(lane: ImageLane, limit: number | null): void {
  if (!limit || Math.abs(limit * IMAGE_HEADROOM - lane.bucket.perMinute) < 1e-9) return
  // A new bucket, so its burst stays one image (a limit learned up must not allow a volley).
  const fraction = Math.max(0, Math.min(1, lane.bucket.levelNow() / lane.bucket.capacity))
  lane.bucket = imageBucket(limit, lane.now, fraction)
}
