import { REASONING_TOKENS, reasoningEffortOf, type ModelInfo } from '@shared/models/catalog'
import { PROMPT_CACHE_MIN_TOKENS, countTextTokens } from '@shared/models/prompt-tokens'
import type { Detail } from '@shared/models/image-tokens'
import type { ChatBody } from '../openai/transport'
import { jsonModeInstructions, responseFormat, type StructuredMode } from './schema'
import {
  expectedOutputTokens,
  fillVariables,
  type Template,
  type TemplateVariables
} from './template'

const SYSTEM =
  'You write e-commerce product copy from product photos. Answer with the requested text only.'

/** A photo as a request carries it. */
export interface ImagePart {
  dataUrl: string
  detail: Detail
}

/** A request ready for the scheduler, with the texts the estimator counts. */
export interface BuiltRequest {
  body: ChatBody
  texts: string[][]
}

/** `max_completion_tokens`: the answer's budget plus what the model's reasoning may use first. */
export function completionBudget(template: Template, model: ModelInfo | undefined): number {
  return template.maxCompletionTokens + REASONING_TOKENS[reasoningEffortOf(model)].allowance
}

/** What an answer is expected to bill as output: the text, plus typical reasoning tokens. */
export function expectedCompletionTokens(template: Template, model: ModelInfo | undefined): number {
  return expectedOutputTokens(template) + REASONING_TOKENS[reasoningEffortOf(model)].expected
}

/**
 * The per-photo notes (a product sheet's brand, keywords and facts, a reviewer's note on a
 * regenerated answer): they go after the photo, so
 * every photo's request starts with the same words and the prompt cache can serve them.
 */
export const PHOTO_NOTES = [
  'photos_note',
  'brand_note',
  'keywords_note',
  'context',
  'redo_note'
] as const

/** Variables that differ from photo to photo: a template naming them inline varies its prefix. */
const PER_PHOTO = /\{(filename|folder|sku|brand|keywords)\}/

/**
 * Builds the chat request for one photo, or a product's photos: the static part first (system
 * words, the template's instructions with the job's own variables, the answer's schema), then the
 * photos, then the request's own notes (the photos' order, the product sheet's facts).
 */
export function buildRequest(
  template: Template,
  variables: TemplateVariables,
  image: ImagePart | readonly ImagePart[],
  model: ModelInfo | undefined,
  modelId: string,
  mode: StructuredMode = 'json_schema'
): BuiltRequest {
  const notes = PHOTO_NOTES.map((name) => variables[name] ?? '').filter(Boolean)
  const withoutNotes = { ...variables, ...Object.fromEntries(PHOTO_NOTES.map((n) => [n, ''])) }
  const base = fillVariables(template.instructions, withoutNotes)
  const instructions =
    mode === 'json_object' && template.fields.length > 1
      ? `${base}\n${jsonModeInstructions(template)}`
      : base
  const body: ChatBody = {
    model: modelId,
    max_completion_tokens: completionBudget(template, model),
    messages: [
      { role: 'system', content: SYSTEM },
      {
        role: 'user',
        content: [
          { type: 'text', text: instructions },
          ...[image].flat().map((part) => ({
            type: 'image_url' as const,
            image_url: { url: part.dataUrl, detail: part.detail }
          })),
          ...(notes.length > 0 ? [{ type: 'text' as const, text: notes.join(' ') }] : [])
        ]
      }
    ]
  }
  const format = responseFormat(template, mode)
  if (format) body.response_format = format as unknown as ChatBody['response_format']
  if (model?.reasoning) body.reasoning_effort = reasoningEffortOf(model)
  const userTexts = notes.length > 0 ? [instructions, notes.join(' ')] : [instructions]
  return { body, texts: [[SYSTEM], userTexts] }
}

/**
 * The tokens a template's requests share before the photo (the system words and its instructions,
 * variables left out): OpenAI caches a prefix of at least 1,024 tokens, so this says whether a
 * template's photos can be billed at the cached price. Prompts are never padded to get there.
 */
export function staticPrefixTokens(template: Pick<Template, 'instructions'>): number {
  const instructions = template.instructions
    .replace(/\{\w+\}/g, '')
    .replace(/\s+/g, ' ')
    .trim()
  return countTextTokens(`${SYSTEM}\n${instructions}`)
}

/** Cached prompt tokens are counted in steps of this many. */
const CACHE_STEP = 128

/**
 * The prompt tokens a repeated request of this template is expected to read from the prompt cache:
 * its static prefix in 128-token steps when it reaches 1,024 tokens, else none (also none when the
 * instructions name a per-photo variable inline, so every photo's prefix differs).
 */
export function cachedPrefixTokens(template: Pick<Template, 'instructions'>): number {
  if (PER_PHOTO.test(template.instructions)) return 0
  const prefix = staticPrefixTokens(template)
  return prefix < PROMPT_CACHE_MIN_TOKENS ? 0 : Math.floor(prefix / CACHE_STEP) * CACHE_STEP
}
