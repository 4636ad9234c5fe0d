import { describe, expect, it } from 'vitest'
import { findModel } from '@shared/models/catalog'
import { apiImageSize, imageTokens, patchResize, tileHighSize } from '@shared/models/image-tokens'

const gpt4o = findModel('gpt-4o')!.imageTokens

describe('tile formula (documented gpt-4o examples)', () => {
  it('charges 765 tokens for 1024×1024 at high detail', () => {
    expect(imageTokens({ width: 1024, height: 1024 }, 'high', gpt4o)).toBe(765)
  })
  it('charges 1105 tokens for 2048×4096 at high detail (768×1536 after scaling)', () => {
    expect(tileHighSize({ width: 2048, height: 4096 })).toEqual({ width: 768, height: 1536 })
    expect(imageTokens({ width: 2048, height: 4096 }, 'high', gpt4o)).toBe(1105)
  })
  it('charges the 85-token base for any size at low detail', () => {
    expect(imageTokens({ width: 4096, height: 8192 }, 'low', gpt4o)).toBe(85)
  })
  it('never upscales a small image', () => {
    expect(imageTokens({ width: 512, height: 512 }, 'high', gpt4o)).toBe(255)
  })
  it('uses gpt-4o-mini constants (2833 + 5667 per tile)', () => {
    expect(
      imageTokens({ width: 1024, height: 1024 }, 'high', findModel('gpt-4o-mini')!.imageTokens)
    ).toBe(25_501)
  })
})

describe('patch formula (documented 1536-patch examples)', () => {
  it('keeps 1024×1024 at 1024 patches', () => {
    expect(patchResize({ width: 1024, height: 1024 }, 1536)).toEqual({
      size: { width: 1024, height: 1024 },
      patches: 1024
    })
  })
  it('shrinks 1800×2400 to 1056×1408 = 1452 patches', () => {
    expect(patchResize({ width: 1800, height: 2400 }, 1536)).toEqual({
      size: { width: 1056, height: 1408 },
      patches: 1452
    })
  })
  it('applies the model multiplier, rounding up', () => {
    const method = findModel('gpt-5-mini')!.imageTokens
    expect(imageTokens({ width: 1024, height: 1024 }, 'high', method)).toBe(Math.ceil(1024 * 1.62))
  })
})

describe('apiImageSize', () => {
  it('fits low detail in 512×512', () => {
    expect(apiImageSize({ width: 4000, height: 3000 }, 'low', gpt4o)).toEqual({
      width: 512,
      height: 384
    })
  })
  it('matches the tile rule at high detail', () => {
    expect(apiImageSize({ width: 4000, height: 3000 }, 'high', gpt4o)).toEqual({
      width: 1024,
      height: 768
    })
  })
})

describe('findModel', () => {
  it('maps dated snapshots to their family and rejects unknown ids', () => {
    expect(findModel('gpt-4o-2024-08-06')?.id).toBe('gpt-4o')
    expect(findModel('llava')).toBeUndefined()
  })
})
