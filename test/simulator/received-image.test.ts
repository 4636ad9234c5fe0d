import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { receiveImage } from '../../src/simulator/images'
import { dataUrl } from '../helpers/images'

const FIXTURES = join(import.meta.dirname, '../fixtures/images')
const ACCEPTED: [string, string][] = [
  ['Landscape_6.jpg', 'image/jpeg'],
  ['Portrait_8.jpg', 'image/jpeg'],
  ['Channel_digital_image_CMYK_color.jpg', 'image/jpeg'],
  ['with-alpha.png', 'image/png'],
  ['16-bit-grey-alpha.png', 'image/png'],
  ['4.webp', 'image/webp'],
  ['animated-loop-3.gif', 'image/gif']
]

/** A saturated product square on a white backdrop. */
function product(width: number, height: number): Promise<Buffer> {
  const side = Math.round(Math.min(width, height) / 2)
  const square = {
    create: { width: side, height: side, channels: 3 as const, background: '#c0392b' }
  }
  return sharp({ create: { width, height, channels: 3, background: '#ffffff' } })
    .composite([{ input: square, left: Math.round(side / 2), top: Math.round(side / 2) }])
    .jpeg()
    .toBuffer()
}

describe('an image the simulator receives', () => {
  it('has the upright size libvips reads, whether the header says it or libvips is asked', async () => {
    for (const [name, mime] of ACCEPTED) {
      const bytes = readFileSync(join(FIXTURES, name))
      const meta = await sharp(bytes).metadata()
      const received = await receiveImage(dataUrl(bytes, mime), 'high')
      expect(received, name).toMatchObject({
        width: meta.autoOrient?.width ?? meta.width,
        height: meta.autoOrient?.height ?? meta.height,
        format: meta.format
      })
    }
  })

  it("has the product's colour, a small image (averaged here) as a large one (resized by libvips)", async () => {
    const small = await receiveImage(dataUrl(await product(64, 48)), 'low')
    const large = await receiveImage(dataUrl(await product(640, 480)), 'low')
    for (const { dominant } of [small, large]) {
      expect(Math.abs(dominant.r - 0xc0)).toBeLessThan(12)
      expect(Math.abs(dominant.g - 0x39)).toBeLessThan(12)
      expect(Math.abs(dominant.b - 0x2b)).toBeLessThan(12)
    }
  })
})
