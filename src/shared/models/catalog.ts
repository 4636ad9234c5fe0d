import type { ModelInfo, ReasoningEffort } from './model-types'
import { MODEL_CATALOG } from './catalog-models'

export type {
  ModelInfo,
  ModelPrices,
  RateLimits,
  ReasoningEffort,
  TierOneLimits
} from './model-types'
export { MODEL_CATALOG } from './catalog-models'

/**
 * Hidden reasoning tokens come out of `max_completion_tokens`: what to add on top of the answer's
 * own budget at each effort (`allowance`), and what a copy task typically uses (`expected`, billed
 * as output, for estimates).
 */
export const REASONING_TOKENS: Record<ReasoningEffort, { allowance: number; expected: number }> = {
  none: { allowance: 0, expected: 0 },
  minimal: { allowance: 512, expected: 64 },
  low: { allowance: 2048, expected: 600 }
}

/**
 * The effort a model is asked for: its own lowest for a reasoning model (`low` when the catalog
 * names none), `none` for the others. One answer for the request body and every token budget.
 */
export function reasoningEffortOf(model: ModelInfo | undefined): ReasoningEffort {
  return model?.reasoning ? (model.reasoningEffort ?? 'low') : 'none'
}

/** When the figures below were taken (OpenAI pricing, vision and deprecations pages, to Dec 2026). */
export const CATALOG_FIGURES_DATE = '2026-12-05'

/** The model a new job uses: the cheapest vision model with no shutdown announced. */
export const DEFAULT_MODEL = 'gpt-6-luna'

/** Looks a model up by id, accepting dated snapshots (`gpt-4o-2024-08-06` → `gpt-4o`). */
export function findModel(id: string): ModelInfo | undefined {
  const exact = MODEL_CATALOG.find((m) => m.id === id)
  if (exact) return exact
  const base = id.replace(/-\d{4}-\d{2}-\d{2}$/, '')
  return MODEL_CATALOG.find((m) => m.id === base)
}

/** How a model the catalog does not know is sized and estimated: like gpt-4o, the common tile model. */
export function fallbackModel(): ModelInfo {
  return findModel('gpt-4o')!
}
