import { REASONING_TOKENS, reasoningEffortOf, type ModelInfo } from '@shared/models/catalog'
import { countTextTokens } from '@shared/models/prompt-tokens'
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

/** Builds the chat request for one photo: system + instructions + the image (a data URL). */
export function buildRequest(
  template: Template,
  variables: TemplateVariables,
  image: { dataUrl: string; detail: Detail },
  model: ModelInfo | undefined,
  modelId: string,
  mode: StructuredMode = 'json_schema'
): BuiltRequest {
  const base = fillVariables(template.instructions, variables)
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
          { type: 'image_url', image_url: { url: image.dataUrl, detail: image.detail } }
        ]
      }
    ]
  }
  const format = responseFormat(template, mode)
  if (format) body.response_format = format as unknown as ChatBody['response_format']
  if (model?.reasoning) body.reasoning_effort = reasoningEffortOf(model)
  return { body, texts: [[SYSTEM], [instructions]] }
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
