import type { ModelInfo } from '@shared/models/catalog'
import { invalidRequest } from './errors'

type Body = Record<string, unknown>

/** The top-level fields of `CreateChatCompletionRequest` in OpenAI's OpenAPI description. */
const KNOWN_PARAMETERS = new Set([
  'audio',
  'frequency_penalty',
  'function_call',
  'functions',
  'logit_bias',
  'logprobs',
  'max_completion_tokens',
  'max_tokens',
  'messages',
  'metadata',
  'modalities',
  'model',
  'moderation',
  'n',
  'parallel_tool_calls',
  'prediction',
  'presence_penalty',
  'prompt_cache_key',
  'prompt_cache_options',
  'prompt_cache_retention',
  'reasoning_effort',
  'response_format',
  'safety_identifier',
  'seed',
  'service_tier',
  'stop',
  'store',
  'stream',
  'stream_options',
  'temperature',
  'tool_choice',
  'tools',
  'top_logprobs',
  'top_p',
  'user',
  'verbosity',
  'web_search_options'
])

const EFFORTS = new Set(['none', 'minimal', 'low', 'medium', 'high', 'xhigh'])

/** Refuses what the real endpoint refuses before looking at the messages: unknown and misused parameters. */
export function checkParameters(body: Body, model: ModelInfo): void {
  const unknown = Object.keys(body).find((key) => !KNOWN_PARAMETERS.has(key))
  if (unknown) throw invalidRequest(null, `Unrecognized request argument supplied: ${unknown}`)
  if (body.reasoning_effort !== undefined) checkEffort(body.reasoning_effort, model)
  if (!model.reasoning) return
  if (body.max_tokens !== undefined) {
    throw invalidRequest(
      'unsupported_parameter',
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      'max_tokens'
    )
  }
  if (body.temperature !== undefined && body.temperature !== 1) {
    throw invalidRequest(
      'unsupported_value',
      "Unsupported value: 'temperature' does not support this value with this model. Only the default (1) value is supported.",
      'temperature'
    )
  }
}

function checkEffort(effort: unknown, model: ModelInfo): void {
  if (!model.reasoning)
    throw invalidRequest(
      'unsupported_parameter',
      "Unsupported parameter: 'reasoning_effort' is not supported with this model.",
      'reasoning_effort'
    )
  if (typeof effort !== 'string' || !EFFORTS.has(effort))
    throw invalidRequest(
      'invalid_value',
      `Invalid value: '${String(effort)}'. Supported values are: 'none', 'minimal', 'low', 'medium', 'high', and 'xhigh'.`,
      'reasoning_effort'
    )
}

/** An image part's `detail`, refused the way the real endpoint refuses a value it does not know. */
export function checkDetail(detail: unknown, where: string): 'low' | 'high' | 'auto' {
  if (detail === undefined) return 'auto'
  if (detail === 'low' || detail === 'high' || detail === 'auto') return detail
  throw invalidRequest(
    'invalid_value',
    `Invalid value: '${String(detail)}'. Supported values are: 'low', 'high', and 'auto'.`,
    `${where}.image_url.detail`
  )
}
