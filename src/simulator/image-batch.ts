import { invalidRequest } from './errors'
import { renderImage, type ImageAsk } from './image-render'
import { askFrom, checkModel, imageUsage } from './image-endpoint'
import type { SimulatorOptions } from './options'

const DATA_URL = /^data:image\/(?:jpeg|png|webp);base64,([A-Za-z0-9+/=]+)$/

/**
 * An image edit as a batch line carries it: JSON, the photos as `images: [{ image_url }]` data
 * URLs (a JSONL line cannot hold a multipart body). Checked as the live endpoint checks.
 */
export function readJsonEdit(body: unknown, options: SimulatorOptions): ImageAsk {
  const object = (body ?? {}) as Record<string, unknown>
  const field = (name: string): string | undefined =>
    object[name] === undefined ? undefined : String(object[name])
  const ask = askFrom(field)
  checkModel(ask.model, options)
  const images = Array.isArray(object.images) ? object.images : []
  if (images.length === 0)
    throw invalidRequest(null, "Missing required parameter: 'images'.", 'images')
  if (images.length > 16)
    throw invalidRequest(null, 'At most 16 images may be edited at once.', 'images')
  const inputs = images.map((image, index) => {
    const url = (image as { image_url?: unknown } | null)?.image_url
    const match = typeof url === 'string' ? DATA_URL.exec(url) : null
    if (!match)
      throw invalidRequest('invalid_value', `images[${index}].image_url is not an image data URL.`)
    return Buffer.from(match[1], 'base64')
  })
  return { ...ask, inputs }
}

/** A batch line's image edit answered: the images made, with their `usage`. */
export async function batchImageAnswer(
  body: unknown,
  options: SimulatorOptions
): Promise<{ body: Record<string, unknown> }> {
  const ask = readJsonEdit(body, options)
  const data = await Promise.all(
    Array.from({ length: ask.n }, async () => ({
      b64_json: (await renderImage(ask)).toString('base64')
    }))
  )
  return {
    body: {
      created: Math.floor(options.now() / 1000),
      output_format: ask.format,
      quality: ask.quality === 'auto' ? 'medium' : ask.quality,
      size: `${ask.width}x${ask.height}`,
      data,
      usage: imageUsage(ask)
    }
  }
}
