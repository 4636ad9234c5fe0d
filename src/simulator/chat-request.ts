import { findModel, type ModelInfo } from '@shared/models/catalog'
import { modelNotFound } from './model-life'
import type { Detail } from '@shared/models/image-tokens'
import type { SchemaNode } from './answers'
import { invalidRequest } from './errors'
import { checkDetail, checkParameters } from './request-checks'

/** The parts of a chat-completions request the simulator acts on. */
export interface ChatRequest {
  model: ModelInfo
  modelId: string
  /** Text parts, per message. */
  texts: string[][]
  images: { url: string; detail: Detail }[]
  maxOutput: number
  format:
    | { kind: 'text' }
    | { kind: 'json_object' }
    | { kind: 'json_schema'; name: string; schema: SchemaNode }
  reasoningEffort: string
  /** The text before the first image: the part a prompt cache can match. */
  prefix: string
  /** `service_tier` as asked (`flex`: slower, Batch prices, sometimes no capacity). */
  serviceTier: string
}

type Body = Record<string, unknown>

/** Validates a request body the way the real endpoint would and extracts what matters. */
export function parseChatRequest(raw: unknown, defaultMaxOutput: number): ChatRequest {
  if (typeof raw !== 'object' || raw === null)
    throw invalidRequest(null, 'The request body must be a JSON object.')
  const body = raw as Body
  const { model, modelId } = requestedModel(body)
  checkParameters(body, model)
  if (!Array.isArray(body.messages) || body.messages.length === 0) {
    throw invalidRequest(
      'missing_required_parameter',
      "Missing required parameter: 'messages'.",
      'messages'
    )
  }
  const { texts, images, prefix } = readMessages(body.messages)
  const max = body.max_completion_tokens ?? body.max_tokens
  return {
    model,
    modelId,
    texts,
    images,
    maxOutput: typeof max === 'number' && max > 0 ? max : defaultMaxOutput,
    format: readFormat(body.response_format),
    reasoningEffort: typeof body.reasoning_effort === 'string' ? body.reasoning_effort : 'medium',
    prefix,
    serviceTier: typeof body.service_tier === 'string' ? body.service_tier : 'default'
  }
}

/** The model a request names, refused as the real API refuses a missing or unknown one. */
function requestedModel(body: Body): { model: ModelInfo; modelId: string } {
  const modelId = typeof body.model === 'string' ? body.model : ''
  if (!modelId)
    throw invalidRequest(
      'missing_required_parameter',
      "Missing required parameter: 'model'.",
      'model'
    )
  const model = findModel(modelId)
  if (!model) throw modelNotFound(modelId)
  return { model, modelId }
}

function readMessages(messages: unknown[]): Pick<ChatRequest, 'texts' | 'images' | 'prefix'> {
  const texts: string[][] = []
  const images: ChatRequest['images'] = []
  const before: string[] = []
  for (const message of messages) {
    const content = (message as Body | null)?.content
    if (typeof content === 'string') {
      texts.push([content])
      if (images.length === 0) before.push(content)
      continue
    }
    if (!Array.isArray(content))
      throw invalidRequest(
        'invalid_value',
        'Each message needs a string or an array content.',
        'messages'
      )
    const parts: string[] = []
    for (const [index, part] of (content as Body[]).entries()) {
      if (part?.type === 'text' && typeof part.text === 'string') {
        parts.push(part.text)
        if (images.length === 0) before.push(part.text)
      } else if (part?.type === 'image_url')
        images.push(readImagePart(part, `messages[${texts.length}].content[${index}]`))
      else
        throw invalidRequest(
          'invalid_value',
          `Unsupported content part type: ${String(part?.type)}.`,
          'messages'
        )
    }
    texts.push(parts)
  }
  return { texts, images, prefix: before.join('\n') }
}

function readImagePart(part: Body, where: string): { url: string; detail: Detail } {
  const imageUrl = part.image_url as Body | undefined
  const url = typeof imageUrl?.url === 'string' ? imageUrl.url : ''
  return { url, detail: checkDetail(imageUrl?.detail, where) }
}

function readFormat(format: unknown): ChatRequest['format'] {
  const spec = format as Body | undefined
  if (!spec || spec.type === 'text') return { kind: 'text' }
  if (spec.type === 'json_object') return { kind: 'json_object' }
  if (spec.type !== 'json_schema')
    throw invalidRequest(
      'invalid_value',
      `Invalid response_format type: ${String(spec.type)}.`,
      'response_format'
    )
  const jsonSchema = (spec.json_schema ?? {}) as Body
  const name = typeof jsonSchema.name === 'string' ? jsonSchema.name : ''
  const schema = (jsonSchema.schema ?? {}) as SchemaNode
  if (jsonSchema.strict === true) checkStrictSchema(schema, name, '')
  return { kind: 'json_schema', name, schema }
}

/** Strict structured outputs: objects need every property required and additionalProperties false. */
function checkStrictSchema(node: SchemaNode, name: string, context: string): void {
  const fail = (why: string): never => {
    throw invalidRequest(
      'invalid_json_schema',
      `Invalid schema for response_format '${name}': In context=(${context}), ${why}`,
      'response_format'
    )
  }
  const isObject =
    node.type === 'object' || (Array.isArray(node.type) && node.type.includes('object'))
  if (context === '' && (!isObject || node.anyOf))
    fail('the root schema must be an object and not use anyOf.')
  if (isObject) {
    if (node.additionalProperties !== false)
      fail("'additionalProperties' is required to be supplied and to be false.")
    const keys = Object.keys(node.properties ?? {})
    const missing = keys.filter((key) => !(node.required ?? []).includes(key))
    if (missing.length > 0)
      fail(
        `'required' is required to be supplied and to be an array including every key in properties. Missing '${missing[0]}'.`
      )
    for (const key of keys)
      checkStrictSchema(
        node.properties![key],
        name,
        `${context ? `${context}, ` : ''}'properties', '${key}'`
      )
  }
  if (node.items) checkStrictSchema(node.items, name, `${context}, 'items'`)
  for (const option of node.anyOf ?? []) checkStrictSchema(option, name, `${context}, 'anyOf'`)
}
