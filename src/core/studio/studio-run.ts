import { ExifTool } from 'exiftool-vendored'
import {
  coolDown,
  imageLanes,
  laneState,
  learnLimit,
  nextLane,
  bodySent,
  releaseLease,
  takeImage,
  type ImageLane
} from './image-lanes'
import { keyShareId, type LeaseBoard } from '../scheduler/key-lease'
import { eachImage } from './studio-plan'
import type { ImageOutcome, ImageUsage } from './image-request'
import { photoAsk, sendModelRequest, type ModelRequest } from './model-request'
import type { StudioPhoto } from './studio-photo'
import { runLocalSteps } from './local-steps'
import { ImageSpend } from './image-spend'
import type { Recipe } from './recipes'
import { StudioCache, writeOutput } from './studio-output'

export type { StudioPhoto } from './studio-photo'

/** What became of one photo. */
export type StudioResult =
  | { status: 'made' | 'cached'; output: string; usage?: ImageUsage; keyId?: string }
  /** Sent, and its answer lost: it may have been billed, so it is not sent again by itself. */
  | { status: 'possiblyBilled'; reason: string }
  | { status: 'failed'; reason: string }
  /** Not sent: the run stopped first (quota, key, model, or no key may use the model). */
  | { status: 'waiting'; reason: string }

export interface StudioContext {
  baseURL: string
  /** Each key's images per minute for the model, and its tokens per minute when known. */
  keys: readonly { id: string; apiKey: string; ipm: number; tpm?: number }[]
  fetch?: typeof fetch
  /** Where this machine's processes split each key's images per minute (the data folder's leases). */
  leases?: LeaseBoard
  cacheDir: string
  outDir: string
  now?: () => number
  timeoutMs?: number
  /** The most this run may spend (USD): each image reserves its estimate before it is sent. */
  budgetUsd?: number
  /** Send photos an earlier run may have been billed for (a person said so, knowing it). */
  resendPossiblyBilled?: boolean
  /** Each photo as it is sent to the model (again, after a 429), for a live queue. */
  onSend?: (photo: StudioPhoto) => void
  /** Each photo as it settles (for a progress line). */
  onResult?: (photo: StudioPhoto, result: StudioResult) => void
}

/** A key's lane as a person sees it: its pace, and why it waits or takes nothing. */
export type StudioLaneState = ReturnType<typeof laneState>

/** The model's image of a photo (`paid` when this run paid for it), or why there is none. */
type ModelImage = { image: Buffer; paid?: { usage: ImageUsage; keyId: string } } | StudioResult

/** Tries a request that never reached the server this many times. */
const NOT_SENT_TRIES = 3

/**
 * Makes a recipe's image of every photo, as fast as each key's images per minute allow and never
 * paying twice: an output already made (same photo bytes, same recipe) comes from the cache; a
 * 429 waits and goes again (nothing was made); a lost answer after the photo was sent is
 * "possibly billed" and not re-sent; a 429 naming a limit of 0 closes that key's lane.
 */
export class StudioRun {
  private readonly lanes: ImageLane[]
  private readonly cache: StudioCache
  private readonly now: () => number
  private stopped: string | null = null
  /** Model images being made, by cache key (a photo's bytes and the recipe). */
  private readonly asking = new Map<string, Promise<ModelImage>>()
  /** Tokens one image is expected to take (the lanes' tokens per minute pace by it). */
  private readonly eachTokens: number
  /** The budget, and what each image is expected to cost (learned from `usage`). */
  readonly spend: ImageSpend
  private tool: ExifTool | null = null

  constructor(
    private readonly recipe: Recipe,
    private readonly ctx: StudioContext
  ) {
    this.now = ctx.now ?? Date.now
    this.eachTokens = recipe.ask ? eachImage(recipe.ask).tokens : 0
    const model = recipe.ask?.model ?? 'local'
    this.lanes = imageLanes(ctx.keys, this.now, this.eachTokens, (key) =>
      ctx.leases?.hold(`${keyShareId(ctx.baseURL, key.apiKey)}-${model}`)
    )
    this.cache = new StudioCache(ctx.cacheDir)
    this.spend = new ImageSpend(recipe.ask, ctx.budgetUsd)
  }

  /** What this run has paid for, from the answers' `usage` (USD). */
  get spentUsd(): number {
    return this.spend.spentUsd
  }

  /**
   * Stops taking photos: those being made finish (a request already sent may be billed, so it is
   * not cut off), the rest settle as waiting with `reason`.
   */
  stop(reason: string): void {
    this.stopped ??= reason
  }

  /** Why the run stopped taking photos; null while it takes them. */
  get stoppedFor(): string | null {
    return this.stopped
  }

  /** Each key's lane now (for the rate panel). */
  lanesNow(): StudioLaneState[] {
    return this.lanes.map((lane) => laneState(lane, this.now()))
  }

  async run(photos: readonly StudioPhoto[]): Promise<Map<StudioPhoto, StudioResult>> {
    const results = new Map<StudioPhoto, StudioResult>()
    let next = 0
    const worker = async (): Promise<void> => {
      while (next < photos.length) {
        const photo = photos[next++]
        results.set(photo, await this.settle(photo))
      }
    }
    try {
      await Promise.all(Array.from({ length: this.inFlight() }, worker))
    } finally {
      this.lanes.forEach(releaseLease)
      await this.tool?.end()
    }
    return results
  }

  /**
   * Photos worked on at once: enough to keep every key's images per minute busy while answers
   * take tens of seconds (Little's law, 40 s each), few enough that only those photos are read.
   */
  private inFlight(): number {
    const perSecond = this.ctx.keys.reduce((sum, key) => sum + key.ipm, 0) / 60
    return Math.max(4, Math.min(64, Math.ceil(perSecond * 40)))
  }

  private async settle(photo: StudioPhoto): Promise<StudioResult> {
    if (this.stopped) {
      const waiting: StudioResult = { status: 'waiting', reason: this.stopped }
      this.ctx.onResult?.(photo, waiting)
      return waiting
    }
    const result = await this.make(photo).catch((error: unknown): StudioResult => ({
      status: 'failed',
      reason: error instanceof Error ? error.message : String(error)
    }))
    this.ctx.onResult?.(photo, result)
    return result
  }

  /**
   * The model's image is cached (fsynced) the moment it arrives, before anything is done with it:
   * a crash after that re-sends nothing, and the free local steps are simply run again.
   */
  private async make(photo: StudioPhoto): Promise<StudioResult> {
    const { bytes, key, request } = await photoAsk(photo, this.recipe)
    let made: { image: Buffer; paid?: { usage: ImageUsage; keyId: string } } = { image: bytes }
    if (request) {
      const answer = await this.modelImage(key, photo, request)
      if ('status' in answer) return answer
      made = answer
    }
    const image = await runLocalSteps(made.image, this.recipe)
    const output = await this.write(photo, image)
    if (this.recipe.ask && !made.paid) return { status: 'cached', output }
    return { status: 'made', output, ...made.paid }
  }

  /**
   * The model's image of these photos: from the cache, else asked once — two photos with the same
   * bytes in one run share one request (the second waits for the first, and is not billed).
   */
  private modelImage(key: string, photo: StudioPhoto, request: ModelRequest): Promise<ModelImage> {
    const asked = this.asking.get(key)
    if (asked) return asked.then((got) => ('status' in got ? got : { image: got.image }))
    const asking = (async (): Promise<ModelImage> => {
      const cached = await this.cache.get(key)
      if (cached) return { image: cached }
      const earlier = this.ctx.resendPossiblyBilled ? null : await this.cache.possiblyBilled(key)
      if (earlier) return { status: 'possiblyBilled', reason: `Not sent again: ${earlier}` }
      const answer = await this.fromModel(photo, request)
      if (!('status' in answer)) await this.cache.put(key, answer.image)
      else if (answer.status === 'possiblyBilled')
        await this.cache.markPossiblyBilled(key, answer.reason)
      return answer
    })()
    this.asking.set(key, asking)
    return asking
  }

  /** Sends the photo until it is made, or a rule says not to send it again. */
  private async fromModel(
    photo: StudioPhoto,
    request: ModelRequest
  ): Promise<StudioResult | { image: Buffer; paid: { usage: ImageUsage; keyId: string } }> {
    for (let notSent = 0; ;) {
      if (this.stopped) return { status: 'waiting', reason: this.stopped }
      // Over the budget: this photo waits; those already reserved within it still go.
      const reserved = this.spend.reserve()
      if ('overBudget' in reserved) return { status: 'waiting', reason: reserved.overBudget }
      const lane = await this.admit()
      if (!lane) {
        this.spend.settle(reserved.reservedUsd, null)
        return { status: 'waiting', reason: this.stopped ?? 'No key may use this model.' }
      }
      this.ctx.onSend?.(photo)
      const outcome = await this.send(lane, request)
      this.spend.settle(reserved.reservedUsd, outcome)
      if (outcome.kind === 'done') {
        learnLimit(lane, outcome.limit)
        return { image: outcome.image, paid: { usage: outcome.usage, keyId: lane.id } }
      }
      const next = this.route(lane, outcome)
      if (next) return next
      if (outcome.kind === 'notSent' && ++notSent >= NOT_SENT_TRIES)
        return { status: 'failed', reason: outcome.message }
    }
  }

  /** What a failed attempt means: a final result, or null to send again. */
  private route(
    lane: ImageLane,
    outcome: Exclude<ImageOutcome, { kind: 'done' }>
  ): StudioResult | null {
    switch (outcome.kind) {
      case 'rateLimited':
        coolDown(lane, this.now(), outcome.waitMs, outcome.limit)
        return null
      case 'noAccess':
        lane.closed = true
        if (this.lanes.every((l) => l.closed))
          this.stopped = `No key may use ${this.recipe.ask!.model}: ${outcome.message}`
        return null
      case 'notSent':
        return null
      case 'possiblyBilled':
        return { status: 'possiblyBilled', reason: outcome.message }
      case 'refused':
        return { status: 'failed', reason: outcome.message }
      case 'stop':
        this.stopped = outcome.message
        return { status: 'waiting', reason: outcome.message }
    }
  }

  /** Waits for a lane with room and takes one image from it. */
  private async admit(): Promise<ImageLane | null> {
    for (;;) {
      const next = nextLane(this.lanes, this.now(), this.eachTokens)
      if (!next || this.stopped) return null
      if (next.waitMs <= 0) {
        takeImage(next.lane, this.eachTokens)
        return next.lane
      }
      await new Promise((resolve) => setTimeout(resolve, Math.min(next.waitMs, 1000)))
    }
  }

  private send(lane: ImageLane, request: ModelRequest): Promise<ImageOutcome> {
    const startedAt = this.now()
    const call = {
      baseURL: this.ctx.baseURL,
      apiKey: lane.apiKey,
      fetch: this.ctx.fetch,
      timeoutMs: this.ctx.timeoutMs ?? 180_000,
      onSent: () => bodySent(lane, this.now() - startedAt)
    }
    return sendModelRequest(call, this.recipe, request)
  }

  private write(photo: StudioPhoto, image: Buffer): Promise<string> {
    const tool = this.recipe.aiMade ? () => (this.tool ??= new ExifTool({ maxProcs: 1 })) : null
    return writeOutput(this.ctx.outDir, photo.relative, this.recipe, image, tool)
  }
}
