import { readFile, readdir } from 'node:fs/promises'
import { join } from 'node:path'
import sharp from 'sharp'
import { describe, expect, it } from 'vitest'
import { sizeFromHead } from '../../../src/core/images/head-size'

const FIXTURES = join(import.meta.dirname, '../../fixtures/images')

/** What sharp says: the upright size (EXIF orientation applied). */
async function sharpSize(bytes: Buffer) {
  const meta = await sharp(bytes).metadata()
  return meta.autoOrient ?? { width: meta.width, height: meta.height }
}

describe('sizeFromHead', () => {
  it('agrees with sharp on every fixture it reads (rotated JPEGs, CMYK, PNG, WebP), and leaves the rest to sharp', async () => {
    const read: string[] = []
    for (const name of (await readdir(FIXTURES)).filter((n) => !n.endsWith('.md'))) {
      const bytes = await readFile(join(FIXTURES, name))
      const parsed = sizeFromHead(bytes.subarray(0, 192 * 1024))
      if (!parsed) continue
      read.push(name)
      expect({ name, ...parsed }).toEqual({ name, ...(await sharpSize(bytes)) })
    }
    // The EXIF-rotated ones (6 and 8 swap width and height) are among those read here.
    expect(read).toEqual(
      expect.arrayContaining(['Landscape_6.jpg', 'Portrait_8.jpg', '4.webp', 'with-alpha.png'])
    )
  })

  it('agrees with sharp on made images of every kind and orientation', async () => {
    for (const orientation of [1, 3, 5, 6, 7, 8]) {
      const jpeg = await sharp({
        create: { width: 64, height: 40, channels: 3, background: '#abc' }
      })
        .withMetadata({ orientation })
        .jpeg()
        .toBuffer()
      expect(sizeFromHead(jpeg)).toEqual(await sharpSize(jpeg))
    }
    const canvas = () =>
      sharp({ create: { width: 300, height: 17, channels: 4, background: '#abcd' } })
    for (const made of [
      await canvas().png().toBuffer(),
      await canvas().webp().toBuffer(),
      await canvas().webp({ lossless: true }).toBuffer()
    ])
      expect(sizeFromHead(made)).toEqual({ width: 300, height: 17 })
  })

  it('says nothing rather than guess on a cut-off or unknown header', async () => {
    const jpeg = await readFile(join(FIXTURES, 'Landscape_6.jpg'))
    expect(sizeFromHead(jpeg.subarray(0, 40))).toBeNull()
    expect(sizeFromHead(Buffer.from('GIF89a……'))).toBeNull()
    expect(sizeFromHead(Buffer.alloc(0))).toBeNull()
  })
})
