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
  description?: string
}

/** A stable seed from the images of a request, so the same photo always gets the same answer. */
export function answerSeed(images: readonly ReceivedImage[], prompt: string): string {
  const seed = images.map((image) => image.sha256.slice(0, 8)).join('-') || `text-${prompt.length}`
  // A reviewer's note asks for another answer: the same photo gets a different one.
  const note = /The reviewer asks: (.*)$/m.exec(prompt)?.[1]
  return note ? `${(hash(note + seed) % 0xffffff).toString(16).padStart(6, '0')}-${seed}` : seed
}

const COLOURS: [string, [number, number, number]][] = [
  ['white', [240, 240, 240]],
  ['black', [25, 25, 25]],
  ['grey', [128, 128, 128]],
  ['red', [200, 50, 40]],
  ['orange', [230, 120, 40]],
  ['yellow', [230, 200, 60]],
  ['green', [50, 160, 90]],
  ['blue', [45, 105, 180]],
  ['purple', [110, 75, 150]],
  ['brown', [140, 90, 45]],
  ['pink', [230, 140, 170]]
]

function colourName({ r, g, b }: { r: number; g: number; b: number }): string {
  const distance = ([cr, cg, cb]: [number, number, number]): number =>
    (r - cr) ** 2 + (g - cg) ** 2 + (b - cb) ** 2
  return COLOURS.reduce((best, c) => (distance(c[1]) < distance(best[1]) ? c : best))[0]
}

/** The plain-text answer: derived from the images (colour, shape), within any "N to M characters" the prompt asks for. */
export function textAnswer(images: readonly ReceivedImage[], prompt: string): string {
  if (images.length === 0) return `Simulated answer to a ${prompt.length}-character prompt.`
  const image = images[0]
  const shape =
    image.width > image.height ? 'wide' : image.width < image.height ? 'tall' : 'compact'
  const ref = image.sha256.slice(0, 6)
  let text = `Discover this ${colourName(image.dominant)} ${shape} product with a clean, modern design, photographed on a neutral background (ref ${ref}).`
  const window = /(\d+)\s*(?:to|–|-)\s*(\d+)\s*characters/i.exec(prompt)
  if (window) {
    const [min, max] = [Number(window[1]), Number(window[2])]
    const filler = ' Built for everyday use, easy to care for and a thoughtful gift.'
    if (text.length < min) text = `${text}${filler}`
    if (text.length > max) text = `${text.slice(0, max).replace(/[\s,.]+\S*$/, '')}.`
  }
  return text
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
  const asked = askedLength(schema.description)
  const min = schema.minLength ?? asked.min ?? 0
  const max = schema.maxLength ?? asked.max ?? Math.max(min, base.length)
  let text = base
  while (text.length < min) text += ' with clean lines and a versatile look'
  return text
    .slice(0, Math.max(min, Math.min(max, text.length)))
    .trimEnd()
    .padEnd(min, '.')
}

/**
 * The length a field's description asks for ("120–155 characters.", "At most 70 characters."),
 * followed as a model would (the `short` answer fault makes answers that do not).
 */
function askedLength(description: string | undefined): { min?: number; max?: number } {
  if (!description || / each\./.test(description)) return {}
  const range = /(\d+)–(\d+) characters/.exec(description)
  if (range) return { min: Number(range[1]), max: Number(range[2]) }
  const most = /At most (\d+) characters/.exec(description)
  return most ? { max: Number(most[1]) } : {}
}

function hash(text: string): number {
  let h = 2166136261
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619)
  return h >>> 0
}
