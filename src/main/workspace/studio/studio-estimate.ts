import type { StudioEstimate, StudioOptions } from '@shared/studio/studio-view'
import { IMAGE_TIERS, imageModelGone } from '@shared/models/image-models'
import {
  BATCH_PRICE,
  cheaperPlans,
  fits,
  planFor,
  type Recipe,
  type StudioLimits
} from '../../../core'

/** The Batch API's completion window, in minutes. */
const BATCH_MINUTES = 24 * 60

/** Images per minute a key is taken to allow for an image model until Settings say: tier 1's. */
export const TIER_ONE_IPM = IMAGE_TIERS[0].ipm
/** Tokens per minute a key is taken to allow for an image model until Settings say: tier 1's. */
export const TIER_ONE_IMAGE_TPM = IMAGE_TIERS[0].tpm

/** The keys' limits for an image model, all together (Settings' per-key limits, else tier 1's). */
export function studioLimits(keys: readonly { rpm?: number; tpm?: number }[]): StudioLimits {
  return {
    ipm: keys.reduce((sum, key) => sum + (key.rpm ?? TIER_ONE_IPM), 0) || TIER_ONE_IPM,
    tpm: keys.reduce((sum, key) => sum + (key.tpm ?? TIER_ONE_IMAGE_TPM), 0) || TIER_ONE_IMAGE_TPM
  }
}

/** The ask a learned per-image cost belongs to: model, quality and size. */
export function askKey(recipe: Recipe): string {
  return recipe.ask ? `${recipe.ask.model}|${recipe.ask.quality}|${recipe.ask.size}` : ''
}

/**
 * What the studio's run would cost and take for `images` photos at the limits, whether that fits
 * the budget and the time given, and (when not) the cheaper ways that do — offered, not applied.
 */
export function studioEstimate(
  recipe: Recipe,
  images: number,
  limits: StudioLimits,
  options: Pick<StudioOptions, 'budgetUsd' | 'finishWithin' | 'batch'>,
  today: string,
  /** What one image of this very ask cost by earlier answers' `usage`, when known. */
  learnedEachUsd?: number
): StudioEstimate {
  const base = { images, ipm: limits.ipm, cheaper: [] }
  if (!recipe.ask) return { ...base, plan: null, fits: true }
  const gone = imageModelGone(recipe.ask.model, today)
  const catalog = planFor(recipe.ask, Math.max(images, 0), limits)
  const live =
    learnedEachUsd === undefined ? catalog : { ...catalog, costUsd: learnedEachUsd * images }
  // The Batch API: half the price, and an answer within 24 hours (not sooner, as far as a promise goes).
  // Generations go live only: the Batch box does not apply to them.
  const batch = options.batch && !recipe.ask.generate
  const plan = batch
    ? { ...live, costUsd: live.costUsd * BATCH_PRICE, minutes: BATCH_MINUTES }
    : live
  const given = { budgetUsd: options.budgetUsd, minutes: options.finishWithin }
  const fit = fits(plan, given)
  return {
    ...base,
    plan,
    fits: fit && !gone,
    cheaper: fit || batch ? [] : cheaperPlans(recipe, images, limits, given),
    ...(gone ? { gone } : {}),
    ...(batch ? { batch: true } : {})
  }
}

/** What an image was made with, as its row and record say: model, quality and size. */
export function madeWith(recipe: Recipe): string {
  const ask = recipe.ask
  return ask ? `${ask.model} · ${ask.quality} · ${ask.size}` : 'local steps'
}
