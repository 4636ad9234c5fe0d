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
  imageTokens: number
  /** What the rate limiter is charged on admission: text + image charge + max completion tokens. */
  admissionTokens: number
  outputTokens: number
  /** About how large its line in a Batch input file is. */
  lineBytes: number
}

/**
 * Estimates one request. `imageAdmission` is how the server charges images against tokens/min:
 * by the billing formula, or a flat amount per image (OpenAI was observed to reserve ~800).
 */
export function estimateRequest(
  shape: RequestShape,
  imageAdmission: 'formula' | number
): RequestEstimate {
  const text = countPromptTextTokens(shape.texts)
  const images = shape.images.reduce(
    (sum, size) => sum + imageTokens(size, shape.detail, shape.model.imageTokens),
    0
  )
  const admittedImages =
    imageAdmission === 'formula' ? images : imageAdmission * shape.images.length
  return {
    promptTokens: text + images,
    imageTokens: images,
    admissionTokens: text + admittedImages + shape.maxCompletionTokens,
    outputTokens: Math.min(shape.expectedOutputTokens, shape.maxCompletionTokens),
    lineBytes: batchLineBytes(
      shape.texts.flat().reduce((sum, t) => sum + t.length, 0),
      shape.images.reduce((sum, size) => sum + size.width * size.height, 0)
    )
  }
}
