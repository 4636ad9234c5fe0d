import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { ImageError } from '../../../src/core/images/image-error'
import { preprocessImage } from '../../../src/core/images/preprocess'
import { fixture } from '../../helpers/fixtures'
import { gpt4oSettings } from '../../helpers/preprocess-settings'

const settings = gpt4oSettings('high')

/** A 32×24 greyscale fingerprint of an image, for comparing what two images show. */
async function fingerprint(data: Buffer): Promise<Buffer> {
  return sharp(data).resize(32, 24, { fit: 'fill' }).greyscale().raw().toBuffer()
}

function meanDifference(a: Buffer, b: Buffer): number {
  let sum = 0
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i])
  return sum / a.length
}

describe('preprocessing the odd-image corpus', () => {
  it('sends upright pixels for EXIF orientations 6 and 8', async () => {
    const reference = await preprocessImage(await fixture('Landscape_1.jpg'), settings)
    const rotated = await preprocessImage(await fixture('Landscape_6.jpg'), settings)
    expect([rotated.width, rotated.height]).toEqual([reference.width, reference.height])
    const same = meanDifference(await fingerprint(reference.data), await fingerprint(rotated.data))
    const sideways = await sharp(rotated.data)
      .rotate(90)
      .resize(reference.width, reference.height, { fit: 'fill' })
      .toBuffer()
    const wrong = meanDifference(await fingerprint(reference.data), await fingerprint(sideways))
    expect(same).toBeLessThan(12)
    expect(wrong).toBeGreaterThan(same * 2)
    const portrait = await preprocessImage(await fixture('Portrait_8.jpg'), settings)
    expect(portrait.height).toBeGreaterThan(portrait.width)
  })

  it('drops EXIF, ICC, IPTC and XMP from what is uploaded', async () => {
    const prepared = await preprocessImage(await fixture('Landscape_9.jpg'), settings)
    const meta = await sharp(prepared.data).metadata()
    expect([meta.exif, meta.icc, meta.iptc, meta.xmp]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined
    ])
  })

  it('converts CMYK to 8-bit sRGB', async () => {
    const prepared = await preprocessImage(
      await fixture('Channel_digital_image_CMYK_color.jpg'),
      settings
    )
    const meta = await sharp(prepared.data).metadata()
    expect([meta.format, meta.space, meta.channels, meta.depth]).toEqual([
      'jpeg',
      'srgb',
      3,
      'uchar'
    ])
  })

  it('makes 16-bit grey with alpha 8-bit and flattens it onto white', async () => {
    const prepared = await preprocessImage(await fixture('16-bit-grey-alpha.png'), settings)
    const meta = await sharp(prepared.data).metadata()
    expect(meta.depth).toBe('uchar')
    expect(meta.hasAlpha).toBe(false)
  })

  it('flattens transparency onto the configured background', async () => {
    const source = await fixture('with-alpha.png')
    const { data, info } = await sharp(source).raw().toBuffer({ resolveWithObject: true })
    const transparent = [...Array(info.width * info.height).keys()].find(
      (i) => data[i * 4 + 3] === 0
    )!
    const [x, y] = [transparent % info.width, Math.floor(transparent / info.width)]
    for (const [background, rgb] of [
      ['#ffffff', [255, 255, 255]],
      ['#ff0000', [255, 0, 0]]
    ] as const) {
      const prepared = await preprocessImage(source, { ...settings, background })
      const pixels = await sharp(prepared.data).raw().toBuffer({ resolveWithObject: true })
      expect(pixels.info.channels).toBe(3)
      const at = (y * pixels.info.width + x) * 3
      const pixel = [...pixels.data.subarray(at, at + 3)]
      pixel.forEach((value, i) => expect(Math.abs(value - rgb[i])).toBeLessThanOrEqual(6))
    }
  })

  it('takes the first frame of an animated GIF', async () => {
    const prepared = await preprocessImage(await fixture('animated-loop-3.gif'), settings)
    expect([prepared.width, prepared.height]).toEqual([370, 285])
    expect((await sharp(prepared.data).metadata()).pages).toBeUndefined()
  })

  it.each([
    ['pitm.avif', 'heif', 2048, 400],
    ['G31D.TIF', 'tiff', 768, 1012],
    ['4.webp', 'webp', 1019, 768],
    ['2569067123_aca715a2ee_o.jpg', 'jpeg', 941, 768]
  ])(
    'converts %s (%s) to what the API takes, at the size it would use',
    async (name, format, width, height) => {
      const prepared = await preprocessImage(await fixture(name), settings)
      expect(prepared.source.format).toBe(format)
      expect(['image/jpeg', 'image/png']).toContain(prepared.mime)
      expect([prepared.width, prepared.height]).toEqual([width, height])
      // A camera JPEG shrinks; AVIF and WebP are denser codecs than the JPEG the API takes.
      if (format === 'jpeg') expect(prepared.data.length).toBeLessThan(prepared.source.bytes / 2)
    }
  )

  it('fails a corrupt JPEG with a clear reason', async () => {
    const error = await preprocessImage(await fixture('corrupt-header.jpg'), settings).catch(
      (e: unknown) => e
    )
    expect(error).toBeInstanceOf(ImageError)
    expect(error).toMatchObject({
      code: 'damaged',
      message: "This photo's file is damaged and cannot be read (corrupt header)."
    })
  })

  it('decodes what it can of a truncated JPEG and says so', async () => {
    const prepared = await preprocessImage(await fixture('truncated.jpg'), settings)
    expect(prepared.notes[0]).toContain('incomplete')
    expect(prepared.width).toBeGreaterThan(0)
  })
})
