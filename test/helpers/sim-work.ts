import sharp from 'sharp'
import { findModel } from '@shared/models/catalog'
import { imageTokens } from '@shared/models/image-tokens'
import { countPromptTextTokens } from '@shared/models/prompt-tokens'
import type { WorkItem } from '../../src/main/core/scheduler/types'

const PROMPT = 'Write an SEO meta description for this product photo.'

/** `n` chat requests, each with its own tiny generated photo, charged as the simulator charges. */
export async function simWorkItems(
  n: number,
  options: { maxTokens?: number; imageCharge?: 'formula' | number; model?: string } = {}
): Promise<WorkItem[]> {
  const { maxTokens = 60, imageCharge = 'formula', model = 'gpt-4o' } = options
  const method = findModel(model)!.imageTokens
  const items: WorkItem[] = []
  for (let i = 0; i < n; i++) {
    const width = 16 + (i % 97)
    const jpeg = await sharp({
      create: {
        width,
        height: 16 + Math.floor(i / 97),
        channels: 3,
        background: { r: i % 256, g: (i * 7) % 256, b: 128 }
      }
    })
      .jpeg()
      .toBuffer()
    const image =
      imageCharge === 'formula'
        ? imageTokens({ width, height: 16 + Math.floor(i / 97) }, 'low', method)
        : imageCharge
    items.push({
      id: `item-${i}`,
      chargeTokens: countPromptTextTokens([[PROMPT]]) + image + maxTokens,
      body: {
        model,
        max_completion_tokens: maxTokens,
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: PROMPT },
              {
                type: 'image_url',
                image_url: {
                  url: `data:image/jpeg;base64,${jpeg.toString('base64')}`,
                  detail: 'low'
                }
              }
            ]
          }
        ]
      }
    })
  }
  return items
}
