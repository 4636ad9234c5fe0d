import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { findModel } from '@shared/models/catalog'
import { preprocessImage } from '../../../src/core/images/preprocess'
import { makeJpeg } from '../../helpers/images'
import { gpt4oSettings } from '../../helpers/preprocess-settings'

const settings = gpt4oSettings('high')

describe('preprocessing guards and sizes', () => {
  it('refuses HEIC, SVG, compressed BMP and non-images with what to do', async () => {
    const heic = Buffer.concat([
      Buffer.from([0, 0, 0, 24]),
      Buffer.from('ftypheic'),
      Buffer.alloc(64)
    ])
    const svg = Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg"></svg>')
    const rleBmp = await readFile(join(import.meta.dirname, '../../fixtures/bmp/palette8-rle.bmp'))
    const cases: [Buffer, string, RegExp][] = [
      [heic, 'heic_not_supported', /Export it as JPEG/],
      [svg, 'vector_not_supported', /Export the image as PNG or JPEG/],
      [rleBmp, 'unsupported_format', /BMP is compressed/],
      [Buffer.from('%PDF-1.7 not a photo'), 'not_an_image', /not an image/]
    ]
    for (const [bytes, code, message] of cases) {
      await expect(preprocessImage(bytes, settings)).rejects.toMatchObject({
        code,
        message: expect.stringMatching(message)
      })
    }
  })

  it('refuses images over the pixel limit and files over the size limit', async () => {
    const big = await makeJpeg(2000, 1000)
    await expect(
      preprocessImage(big, { ...settings, limitInputPixels: 1_000_000 })
    ).rejects.toMatchObject({ code: 'too_many_pixels' })
    await expect(preprocessImage(big, { ...settings, maxFileBytes: 1000 })).rejects.toMatchObject({
      code: 'file_too_large'
    })
  })

  it('never upscales, and fits low detail in 512×512', async () => {
    const small = await preprocessImage(await makeJpeg(100, 80), settings)
    expect([small.width, small.height]).toEqual([100, 80])
    const low = await preprocessImage(await makeJpeg(4000, 3000), { ...settings, detail: 'low' })
    expect([low.width, low.height]).toEqual([512, 384])
  })

  it('stays within the patch budget for patch models', async () => {
    const prepared = await preprocessImage(await makeJpeg(1800, 2400), {
      ...settings,
      method: findModel('gpt-5-mini')!.imageTokens
    })
    expect([prepared.width, prepared.height]).toEqual([1056, 1408])
  })

  it('encodes at the configured JPEG quality', async () => {
    const photo = await makeJpeg(800, 600, 30)
    const noisy = await sharp(photo)
      .blur(0.3)
      .sharpen({ sigma: 2 })
      .jpeg({ quality: 100 })
      .toBuffer()
    const low = await preprocessImage(noisy, { ...settings, jpegQuality: 40 })
    const high = await preprocessImage(noisy, { ...settings, jpegQuality: 95 })
    expect(low.data.length).toBeLessThan(high.data.length)
  })
})
