import { describe, expect, it } from 'vitest'
import {
  findImageModel,
  imageCostUsd,
  imageModelGone,
  outputImageTokens
} from '@shared/models/image-models'

describe('the image models', () => {
  it('knows gpt-image-1 is gone since 2026-10-23 and names gpt-image-2, on the day it is given', () => {
    expect(imageModelGone('gpt-image-1', '2026-12-06')).toEqual({
      shutdownDate: '2026-10-23',
      replacement: 'gpt-image-2'
    })
    expect(imageModelGone('gpt-image-1', '2026-10-22')).toBeNull()
    expect(imageModelGone('gpt-image-1.5', '2026-12-01')).toMatchObject({
      shutdownDate: '2026-12-01'
    })
    expect(imageModelGone('gpt-image-2-2026-04-21', '2026-12-06')).toBeNull()
    expect(findImageModel('gpt-image-2-2026-04-21')?.id).toBe('gpt-image-2')
  })

  it('prices an image by its size and quality, from the output tokens', () => {
    const model = findImageModel('gpt-image-2')!
    expect(outputImageTokens(model, 1536, 1024, 'low')).toBe(300)
    expect(outputImageTokens(model, 1024, 1024, 'auto')).toBe(1_760)
    const medium = imageCostUsd(
      model,
      { width: 1024, height: 1024, quality: 'medium' },
      { textTokens: 0, imageTokens: 0 }
    )
    expect(medium).toBeCloseTo(0.053, 3)
  })
})
