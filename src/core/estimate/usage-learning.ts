import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { writeFileAtomic } from '../files/atomic-file'

/** What the answers taught about one model's images at one detail and size class. */
interface ImageSums {
  /** Photos seen. */
  n: number
  /** Their image tokens by the catalog's rule, and as `usage` billed them. */
  rule: number
  billed: number
}

/** What 429s taught about how tokens/min admission charges one image of a model. */
interface AdmissionSums {
  n: number
  perImage: number
}

const fileSchema = z.object({
  version: z.literal(1),
  images: z.record(
    z.string(),
    z.object({ n: z.number().int().nonnegative(), rule: z.number(), billed: z.number() })
  ),
  admission: z.record(
    z.string(),
    z.object({ n: z.number().int().nonnegative(), perImage: z.number().nonnegative() })
  )
})

/** After this many photos of a class its figure is called learned (the estimate says so before). */
export const LEARNED_AFTER = 20

/** How an estimate's image tokens were found. */
export interface ImageFactor {
  /** Billed ÷ the catalog's rule (1 when nothing was learned). */
  factor: number
  /** Answered photos of the model at that detail it was learned from (0: the catalog's rule alone). */
  n: number
}

/** Learned figures are written at most this often while answers come in. */
const SAVE_EVERY_MS = 2000

/**
 * Image tokens learned from answers (per model, detail and size class) and the tokens/min charge
 * per image learned from 429s, kept in the data folder so every later estimate starts from them.
 * No official image-token table exists for some models (the GPT-6 family): their answers' `usage`
 * is the truth, and the catalog's rule is only where an estimate starts.
 */
export class UsageLearning {
  private saving: Promise<void> = Promise.resolve()
  private timer: ReturnType<typeof setTimeout> | null = null
  private savedAt = 0

  private constructor(
    private readonly path: string | null,
    private readonly images: Record<string, ImageSums>,
    private readonly admission: Record<string, AdmissionSums>
  ) {}

  /** Reads what was learned before (a missing or damaged file starts afresh: it is only a hint). */
  static open(path: string | null): UsageLearning {
    const parsed = path ? fileSchema.safeParse(readJson(path)) : null
    return parsed?.success
      ? new UsageLearning(path, parsed.data.images, parsed.data.admission)
      : new UsageLearning(path, {}, {})
  }

  /** Billed ÷ rule for images of this class, else of the nearest class of the model learned. */
  imageFactor(model: string, detail: string, ruleTokens: number): ImageFactor {
    const own = this.images[imageKey(model, detail, ruleTokens)]
    const sums = own && own.n > 0 ? own : this.nearestClass(model, detail, sizeClass(ruleTokens))
    return sums
      ? { factor: sums.billed / sums.rule, n: this.photosSeen(model, detail) }
      : { factor: 1, n: 0 }
  }

  /** One answered photo: its image tokens by the rule, and as billed (prompt minus text tokens). */
  observeImage(model: string, detail: string, ruleTokens: number, billedTokens: number): void {
    if (!(ruleTokens > 0) || !(billedTokens > 0)) return
    const key = imageKey(model, detail, ruleTokens)
    const sums = (this.images[key] ??= { n: 0, rule: 0, billed: 0 })
    sums.n++
    sums.rule += ruleTokens
    sums.billed += billedTokens
    this.changed()
  }

  /** The tokens/min charge per image learned for the model, or undefined. */
  admissionPerImage(model: string, detail: string): number | undefined {
    const sums = this.admission[`${model}|${detail}`]
    return sums && sums.n > 0 ? Math.round(sums.perImage) : undefined
  }

  /** A 429 named what a request was charged: learn the per-image part (a running mean). */
  observeAdmission(model: string, detail: string, perImage: number): void {
    if (!Number.isFinite(perImage) || perImage < 0) return
    const sums = (this.admission[`${model}|${detail}`] ??= { n: 0, perImage: 0 })
    sums.n++
    sums.perImage += (perImage - sums.perImage) / sums.n
    this.changed()
  }

  /** Writes what is not written yet and waits for it (a run ends, tests). */
  flush(): Promise<void> {
    return this.timer ? this.save() : this.saving
  }

  private photosSeen(model: string, detail: string): number {
    const prefix = `${model}|${detail}|`
    let n = 0
    for (const [key, sums] of Object.entries(this.images)) if (key.startsWith(prefix)) n += sums.n
    return n
  }

  private nearestClass(model: string, detail: string, wanted: number): ImageSums | undefined {
    const prefix = `${model}|${detail}|`
    let best: { distance: number; sums: ImageSums } | undefined
    for (const [key, sums] of Object.entries(this.images)) {
      if (!key.startsWith(prefix) || sums.n === 0) continue
      const distance = Math.abs(Number(key.slice(prefix.length)) - wanted)
      if (!best || distance < best.distance) best = { distance, sums }
    }
    return best?.sums
  }

  /**
   * Writes at most every SAVE_EVERY_MS, what arrived meanwhile at once: at 50 answers a second a
   * write after every answer kept two fsyncs a second going for a hint. A run writes the rest
   * as it ends (`flush`).
   */
  private changed(): void {
    if (!this.path || this.timer) return
    const wait = Math.max(0, this.savedAt + SAVE_EVERY_MS - Date.now())
    this.timer = setTimeout(() => void this.save(), wait)
    // A last change lost to an exit costs a little accuracy: the process need not wait for it.
    this.timer.unref?.()
  }

  private save(): Promise<void> {
    if (this.timer) clearTimeout(this.timer)
    this.timer = null
    this.savedAt = Date.now()
    const data = JSON.stringify({ version: 1, images: this.images, admission: this.admission })
    this.saving = this.saving.then(() => writeFileAtomic(this.path!, data).catch(() => undefined))
    return this.saving
  }
}

/** Half-octaves of the rule's image tokens: photos of about the same size share a class. */
export function sizeClass(ruleTokens: number): number {
  return Math.round(2 * Math.log2(Math.max(1, ruleTokens)))
}

function imageKey(model: string, detail: string, ruleTokens: number): string {
  return `${model}|${detail}|${sizeClass(ruleTokens)}`
}

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'))
  } catch {
    return null
  }
}
