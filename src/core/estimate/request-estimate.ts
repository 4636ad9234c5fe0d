import type { ModelInfo } from '@shared/models/catalog'
import { imageTokens, type Detail, type Size } from '@shared/models/image-tokens'
import { countPromptTextTokens } from '@shared/models/prompt-tokens'
import { batchLineBytes } from './batch-plan'

/** One request as the estimator sees it: its texts, the uploaded image sizes, its answer budget. */
export interface RequestShape {
  model: ModelInfo
  /** Text parts, per message. */
  texts: string[][]
  images: Size[]
  detail: Detail
  maxCompletionTokens: number
  /** What the template expects the answer to take (≤ maxCompletionTokens). */
  expectedOutputTokens: number
}

/** Tokens of one request: billed prompt, admission charge against TPM, expected output. */
export interface RequestEstimate {
  promptTokens: number
  /** Its image tokens: the catalog's rule, corrected by what answers taught. */
  imageTokens: number
  /** The image tokens by the catalog's rule alone, and its text tokens (what `usage` is compared with). */
  ruleImageTokens: number
  textTokens: number
  /** Answers the image figure was learned from (0: the catalog's rule, not yet learned). */
  learnedFrom: number
  /** What the rate limiter is charged on admission: text + image charge + max completion tokens. */
  admissionTokens: number
  outputTokens: number
  /** About how large its line in a Batch input file is. */
  lineBytes: number
}

/** What earlier answers taught about a model's images (see UsageLearning). */
export interface UsageHints {
  imageFactor(model: string, detail: string, ruleTokens: number): { factor: number; n: number }
  admissionPerImage(model: string, detail: string): number | undefined
}

/**
 * Estimates one request. `imageAdmission` is how the server charges images against tokens/min:
 * by the billing formula, or a flat amount per image (OpenAI was observed to reserve ~800).
 * `hints` correct both from what earlier answers and 429s said.
 */
export function estimateRequest(
  shape: RequestShape,
  imageAdmission: 'formula' | number,
  hints?: UsageHints
): RequestEstimate {
  const text = countPromptTextTokens(shape.texts)
  const { id } = shape.model
  let rule = 0
  let images = 0
  let learnedFrom = Number.POSITIVE_INFINITY
  for (const size of shape.images) {
    const ruleTokens = imageTokens(size, shape.detail, shape.model.imageTokens)
    const learned = hints?.imageFactor(id, shape.detail, ruleTokens) ?? { factor: 1, n: 0 }
    rule += ruleTokens
    images += Math.round(ruleTokens * learned.factor)
    learnedFrom = Math.min(learnedFrom, learned.n)
  }
  const perImage = hints?.admissionPerImage(id, shape.detail) ?? imageAdmission
  const admittedImages = perImage === 'formula' ? images : perImage * shape.images.length
  return {
    promptTokens: text + images,
    imageTokens: images,
    ruleImageTokens: rule,
    textTokens: text,
    learnedFrom: Number.isFinite(learnedFrom) ? learnedFrom : 0,
    admissionTokens: text + admittedImages + shape.maxCompletionTokens,
    outputTokens: Math.min(shape.expectedOutputTokens, shape.maxCompletionTokens),
    lineBytes: batchLineBytes(
      shape.texts.flat().reduce((sum, t) => sum + t.length, 0),
      shape.images.reduce((sum, size) => sum + size.width * size.height, 0)
    )
  }
}
