import type { ReceivedImage } from './images'

/** A JSON Schema node, as far as the simulator needs to read one. */
export interface SchemaNode {
  type?: string | string[]
  properties?: Record<string, SchemaNode>
  required?: string[]
  additionalProperties?: boolean
  items?: SchemaNode
  enum?: unknown[]
  anyOf?: SchemaNode[]
  minLength?: number
  maxLength?: number
  minItems?: number
  maxItems?: number
  minimum?: number
  maximum?: number
}

/** A stable seed from the images of a request, so the same photo always gets the same answer. */
export function answerSeed(images: readonly ReceivedImage[], prompt: string): string {
  return images.map((image) => image.sha256.slice(0, 8)).join('-') || `text-${prompt.length}`
}

/** The plain-text answer: derived from the images (size, orientation, hash). */
export function textAnswer(images: readonly ReceivedImage[], prompt: string): string {
  if (images.length === 0) return `Simulated answer to a ${prompt.length}-character prompt.`
  return images
    .map((image) => {
      const shape =
        image.width > image.height
          ? 'landscape'
          : image.width < image.height
            ? 'portrait'
            : 'square'
      return `A ${shape} product photo (${image.width}×${image.height}, ref ${image.sha256.slice(0, 6)}) on a clean background.`
    })
    .join(' ')
}

/** A value that satisfies `schema`, derived deterministically from `seed` and the field name. */
export function valueForSchema(schema: SchemaNode, seed: string, name = 'value'): unknown {
  if (schema.enum && schema.enum.length > 0)
    return schema.enum[hash(seed + name) % schema.enum.length]
  if (schema.anyOf) {
    const option = schema.anyOf.find((s) => s.type !== 'null') ?? schema.anyOf[0]
    return valueForSchema(option, seed, name)
  }
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type
  switch (type) {
    case 'object':
      return objectFor(schema, seed)
    case 'array':
      return arrayFor(schema, seed, name)
    case 'integer':
      return numberFor(schema, seed + name, true)
    case 'number':
      return numberFor(schema, seed + name, false)
    case 'boolean':
      return hash(seed + name) % 2 === 0
    case 'null':
      return null
    default:
      return stringFor(schema, seed, name)
  }
}

function objectFor(schema: SchemaNode, seed: string): Record<string, unknown> {
  const result: Record<string, unknown> = {}
  for (const [key, child] of Object.entries(schema.properties ?? {}))
    result[key] = valueForSchema(child, seed, key)
  return result
}

function arrayFor(schema: SchemaNode, seed: string, name: string): unknown[] {
  const count = Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3))
  return Array.from({ length: count }, (_, i) =>
    valueForSchema(schema.items ?? {}, seed, `${name}${i + 1}`)
  )
}

function numberFor(schema: SchemaNode, key: string, integer: boolean): number {
  const min = schema.minimum ?? 0
  const max = schema.maximum ?? min + 100
  const value = min + ((hash(key) % 1000) / 1000) * (max - min)
  return integer ? Math.floor(value) : Math.round(value * 100) / 100
}

function stringFor(schema: SchemaNode, seed: string, name: string): string {
  const base = `${name.replace(/_/g, ' ')} for photo ${seed.slice(0, 6)}`
  const min = schema.minLength ?? 0
  const max = schema.maxLength ?? Math.max(min, base.length)
  let text = base
  while (text.length < min) text += ' with clean lines and a versatile look'
  return text
    .slice(0, Math.max(min, Math.min(max, text.length)))
    .trimEnd()
    .padEnd(min, '.')
}

function hash(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return h >>> 0
}
