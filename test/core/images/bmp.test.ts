import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { decodeBmp } from '../../../src/core/images/bmp'
import { preprocessImage } from '../../../src/core/images/preprocess'
import { gpt4oSettings } from '../../helpers/preprocess-settings'

/** BMPs written by ImageMagick from one 7×5 source (scripts/make-bmp-fixtures.sh). */
const BMP_DIR = join(import.meta.dirname, '../../fixtures/bmp')
const bmp = (name: string): Promise<Buffer> => readFile(join(BMP_DIR, name))
const MANY_PIXELS = 1e8

async function sourcePixels(name: string): Promise<Buffer> {
  return sharp(join(BMP_DIR, name)).raw().toBuffer()
}

/** The largest difference between two equally long pixel buffers. */
function maxDifference(a: Buffer, b: Buffer): number {
  expect(a.length).toBe(b.length)
  return a.reduce((worst, value, i) => Math.max(worst, Math.abs(value - b[i]!)), 0)
}

/** The same 24-bit bitmap stored top-down (negative height, rows reversed). */
function topDown(file: Buffer): Buffer {
  const copy = Buffer.from(file)
  const width = file.readInt32LE(18)
  const height = file.readInt32LE(22)
  const offset = file.readUInt32LE(10)
  const stride = Math.ceil((width * 24) / 32) * 4
  copy.writeInt32LE(-height, 22)
  for (let y = 0; y < height; y++) {
    file.copy(
      copy,
      offset + y * stride,
      offset + (height - 1 - y) * stride,
      offset + (height - y) * stride
    )
  }
  return copy
}

describe('BMP decoding', () => {
  it.each([
    ['rgb24.bmp', 'source-rgb.png', 0],
    ['rgb24-os2.bmp', 'source-rgb.png', 0],
    ['palette8.bmp', 'source-rgb.png', 0],
    ['xrgb32-v3.bmp', 'source-rgb.png', 0],
    ['rgb565.bmp', 'source-rgb.png', 8],
    ['mono1.bmp', 'source-mono.png', 0]
  ])('reads %s pixel for pixel like the source', async (file, source, tolerance) => {
    const decoded = await decodeBmp(await bmp(file), MANY_PIXELS)
    expect({ width: decoded.width, height: decoded.height, channels: decoded.channels }).toEqual({
      width: 7,
      height: 5,
      channels: 3
    })
    const expected = await sharp(join(BMP_DIR, source)).toColourspace('srgb').raw().toBuffer()
    expect(maxDifference(decoded.data, expected)).toBeLessThanOrEqual(tolerance)
  })

  it('keeps the alpha channel of a 32-bit bitmap with an alpha mask', async () => {
    const decoded = await decodeBmp(await bmp('argb32.bmp'), MANY_PIXELS)
    expect(decoded.channels).toBe(4)
    expect(maxDifference(decoded.data, await sourcePixels('source-rgba.png'))).toBe(0)
  })

  it('reads top-down bitmaps the right way up', async () => {
    const decoded = await decodeBmp(topDown(await bmp('rgb24.bmp')), MANY_PIXELS)
    expect(maxDifference(decoded.data, await sourcePixels('source-rgb.png'))).toBe(0)
  })

  it('refuses compressed, truncated and oversized bitmaps with the reason', async () => {
    const rle = await bmp('palette8-rle.bmp')
    await expect(decodeBmp(rle, MANY_PIXELS)).rejects.toThrow(/compressed/)
    const whole = await bmp('rgb24.bmp')
    await expect(decodeBmp(whole.subarray(0, whole.length - 10), MANY_PIXELS)).rejects.toThrow(
      /ends too early/
    )
    await expect(decodeBmp(whole, 20)).rejects.toThrow(/MP limit/)
  })

  it('prepares a BMP file upright and flattened, ready to upload', async () => {
    const file = await bmp('argb32.bmp')
    const input = {
      path: join(BMP_DIR, 'argb32.bmp'),
      head: file.subarray(0, 512),
      size: file.length
    }
    const prepared = await preprocessImage(input, gpt4oSettings('high'))
    expect(prepared.source).toMatchObject({ format: 'bmp', width: 7, height: 5 })
    const { data, info } = await sharp(prepared.data).raw().toBuffer({ resolveWithObject: true })
    expect(info.channels).toBe(3)
    // Top-left is opaque red; column 0 below it is fully clear, so flattened onto white.
    expect([...data.subarray(0, 3)].map((v) => Math.round(v / 16))).toEqual([16, 0, 0])
    const below = info.width * 3
    expect([...data.subarray(below, below + 3)].every((v) => v > 235)).toBe(true)
  })
})
