import type { ModelInfo } from '@shared/models/catalog'
import {
  imageTokens,
  patchResize,
  fitWithin,
  type Detail,
  type Size
} from '@shared/models/image-tokens'

/**
 * How the simulated API bills an image. Models with a documented rule are billed by it. The GPT-6
 * family has no official table (the catalog assumes a third party's 32 px patches × 1.2 ⚠): the
 * simulator bills them by a rule of its own that the catalog does not know — a fixed 65 tokens per
 * image plus 1.3 per patch — so the app's estimate must learn it from `usage`, as it must from
 * the real API.
 */
export function billedImageTokens(size: Size, detail: Detail, model: ModelInfo): number {
  if (!model.imageRuleAssumed) return imageTokens(size, detail, model.imageTokens)
  const method = model.imageTokens
  const budget = method.kind === 'patch' ? method.budget : 2500
  const source = detail === 'low' ? fitWithin(size, 512, 512) : size
  const { patches } = patchResize(source, budget)
  return UNDOCUMENTED_BASE + Math.ceil(patches * UNDOCUMENTED_PER_PATCH)
}

const UNDOCUMENTED_BASE = 65
const UNDOCUMENTED_PER_PATCH = 1.3
