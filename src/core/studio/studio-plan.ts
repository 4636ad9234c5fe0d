import {
  findImageModel,
  imageCostUsd,
  outputImageTokens,
  type ImageQuality
} from '@shared/models/image-models'
import type { ModelAsk, Recipe } from './recipes'

/** Input tokens one edit is taken to cost before its `usage` says: the photo and the words. */
const INPUT_IMAGE_TOKENS = 323

/** A way to make the images: what each is asked as, what all cost, how long at the limits. */
export interface StudioPlan {
  quality: ImageQuality
  size: string
  costUsd: number
  minutes: number
}

/** What the keys allow, all together: images and tokens per minute. */
export interface StudioLimits {
  ipm: number
  tpm: number
}

/** What one image of the ask is expected to use before its `usage` says: tokens and USD. */
export function eachImage(ask: ModelAsk): { tokens: number; costUsd: number } {
  const model = findImageModel(ask.model)!
  const [width, height] = sizeOf(ask.size)
  const input = { textTokens: Math.ceil(ask.prompt.length / 4), imageTokens: INPUT_IMAGE_TOKENS }
  const output = outputImageTokens(model, width, height, ask.quality)
  return {
    tokens: output + input.textTokens + input.imageTokens,
    costUsd: imageCostUsd(model, { width, height, quality: ask.quality }, input)
  }
}

/** The cost and duration of a recipe's images of `photos` photos at the limits. */
export function planFor(ask: ModelAsk, photos: number, limits: StudioLimits): StudioPlan {
  const each = eachImage(ask)
  const minutes = Math.max(photos / limits.ipm, (photos * each.tokens) / limits.tpm)
  return { quality: ask.quality, size: ask.size, costUsd: each.costUsd * photos, minutes }
}

/**
 * When the budget or the time given cannot hold the recipe as asked: the lower qualities and the
 * smaller size that do, each with its cost and time. Offered, never applied by themselves.
 */
export function cheaperPlans(
  recipe: Recipe,
  photos: number,
  limits: StudioLimits,
  given: { budgetUsd?: number; minutes?: number }
): StudioPlan[] {
  const ask = recipe.ask!
  const qualities: ImageQuality[] = ['high', 'medium', 'low']
  const lower = qualities.slice(qualities.indexOf(ask.quality === 'auto' ? 'medium' : ask.quality))
  const sizes = [...new Set([ask.size, '1024x1024'])]
  return sizes
    .flatMap((size) => lower.map((quality) => planFor({ ...ask, size, quality }, photos, limits)))
    .filter((plan) => plan.quality !== ask.quality || plan.size !== ask.size)
    .filter((plan) => fits(plan, given))
}

/** Whether a plan holds the budget and the time given (each when given). */
export function fits(plan: StudioPlan, given: { budgetUsd?: number; minutes?: number }): boolean {
  return (
    (given.budgetUsd === undefined || plan.costUsd <= given.budgetUsd) &&
    (given.minutes === undefined || plan.minutes <= given.minutes)
  )
}

function sizeOf(size: string): [number, number] {
  if (size === 'auto') return [1024, 1024]
  const [width, height] = size.split('x').map(Number)
  return [width, height]
}
