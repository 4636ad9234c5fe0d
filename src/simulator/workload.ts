import sharp from 'sharp'
import { findModel } from '@shared/models/catalog'
import { imageTokens } from '@shared/models/image-tokens'
import { countPromptTextTokens } from '@shared/models/prompt-tokens'

export const SAMPLE_PROMPT = 'Write an SEO meta description for this product photo.'

/** A chat request with one generated photo, and what admission will charge for it. */
export interface SampleRequest {
  id: string
  chargeTokens: number
  body: {
    model: string
    max_completion_tokens: number
    messages: {
      role: 'user'
      content: (
        | { type: 'text'; text: string }
        | { type: 'image_url'; image_url: { url: string; detail: 'low' } }
      )[]
    }[]
  }
}

export interface WorkloadOptions {
  maxTokens?: number
  /** How the server charges an image on admission: its billed tokens, or a flat amount. */
  imageCharge?: 'formula' | number
  model?: string
}

/** `n` requests, each with its own small generated JPEG (so the request log can tell them apart). */
export async function sampleRequests(
  n: number,
  options: WorkloadOptions = {}
): Promise<SampleRequest[]> {
  const { maxTokens = 60, imageCharge = 'formula', model = 'gpt-4o' } = options
  const method = findModel(model)!.imageTokens
  const textTokens = countPromptTextTokens([[SAMPLE_PROMPT]])
  const requests: SampleRequest[] = []
  for (let i = 0; i < n; i++) {
    const size = { width: 16 + (i % 97), height: 16 + Math.floor(i / 97) }
    const background = { r: i % 256, g: (i * 7) % 256, b: 128 }
    const jpeg = await sharp({ create: { ...size, channels: 3, background } })
      .jpeg()
      .toBuffer()
    const image = imageCharge === 'formula' ? imageTokens(size, 'low', method) : imageCharge
    const url = `data:image/jpeg;base64,${jpeg.toString('base64')}`
    requests.push({
      id: `item-${i}`,
      chargeTokens: textTokens + image + maxTokens,
      body: {
        model,
        max_completion_tokens: maxTokens,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: SAMPLE_PROMPT },
              { type: 'image_url', image_url: { url, detail: 'low' } }
            ]
          }
        ]
      }
    })
  }
  return requests
}
