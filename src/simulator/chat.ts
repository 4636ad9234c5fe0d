import { billedImageTokens } from './image-accounting'
import { countPromptTextTokens, countTextTokens } from '@shared/models/prompt-tokens'
import { answerSeed, textAnswer, valueForSchema } from './answers'
import type { ChatRequest } from './chat-request'
import { answeredTier } from './flex'
import { receiveImage, type ReceivedImage } from './images'

/** A validated request with its images decoded and its tokens counted. */
export interface PreparedChat {
  request: ChatRequest
  images: ReceivedImage[]
  /** Billed prompt tokens: text by `countPromptTextTokens`, images by the model's formula. */
  promptTokens: number
  /** What the rate limiter charges on admission: prompt (with the image charge) + max output. */
  chargeTokens: number
}

// Hidden reasoning a photo-description task takes at each effort: it comes out of max_completion_tokens.
const REASONING_TOKENS: Record<string, number> = {
  none: 0,
  minimal: 32,
  low: 600,
  medium: 1800,
  high: 5000
}

/** Decodes the images and counts tokens; `imageCharge` is 'formula' or a flat charge per image. */
export async function prepareChat(
  request: ChatRequest,
  imageCharge: 'formula' | number
): Promise<PreparedChat> {
  const images = await Promise.all(
    request.images.map((part) => receiveImage(part.url, part.detail))
  )
  const textTokens = countPromptTextTokens(request.texts)
  const billed = images.map((image) => billedImageTokens(image, image.detail, request.model))
  const billedImages = billed.reduce((sum, tokens) => sum + tokens, 0)
  const chargedImages = imageCharge === 'formula' ? billedImages : imageCharge * images.length
  return {
    request,
    images,
    promptTokens: textTokens + billedImages,
    chargeTokens: textTokens + chargedImages + request.maxOutput
  }
}

/** Token counts of a finished completion (matches what `usage` reports). */
export interface CompletionUsage {
  prompt_tokens: number
  completion_tokens: number
  total_tokens: number
  completion_tokens_details: { reasoning_tokens: number }
  /** Prompt tokens served from the key's prompt cache (billed at the cached price). */
  prompt_tokens_details: { cached_tokens: number }
}

/** A chat.completion object: deterministic content, a refusal-free answer, and `usage`. */
export function buildCompletion(
  prepared: PreparedChat,
  id: string,
  createdSeconds: number,
  cachedTokens = 0
): Record<string, unknown> {
  const { request } = prepared
  const reasoning = request.model.reasoning
    ? (REASONING_TOKENS[request.reasoningEffort] ?? 1800)
    : 0
  const answer = answerText(prepared)
  const room = Math.max(0, request.maxOutput - reasoning)
  const answerTokens = countTextTokens(answer)
  const truncated = answerTokens > room
  const content = truncated ? answer.slice(0, room * 4) : answer
  const completionTokens = Math.min(request.maxOutput, reasoning + countTextTokens(content))
  const usage: CompletionUsage = {
    prompt_tokens: prepared.promptTokens,
    completion_tokens: completionTokens,
    total_tokens: prepared.promptTokens + completionTokens,
    completion_tokens_details: { reasoning_tokens: Math.min(reasoning, request.maxOutput) },
    prompt_tokens_details: { cached_tokens: Math.min(cachedTokens, prepared.promptTokens) }
  }
  return {
    id,
    object: 'chat.completion',
    created: createdSeconds,
    model: request.modelId,
    service_tier: answeredTier(request),
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null },
        finish_reason: truncated ? 'length' : 'stop'
      }
    ],
    usage
  }
}

function answerText(prepared: PreparedChat): string {
  const { request, images } = prepared
  const prompt = request.texts.flat().join('\n')
  const seed = answerSeed(images, prompt)
  if (request.format.kind === 'json_schema')
    return JSON.stringify(valueForSchema(request.format.schema, seed))
  if (request.format.kind === 'json_object')
    return JSON.stringify({ text: textAnswer(images, prompt) })
  return textAnswer(images, prompt)
}
