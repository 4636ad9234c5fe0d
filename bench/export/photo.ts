import sharp from 'sharp'

/** A small real JPEG for the photo-copy part of the bench, a different colour each. */
export function makeJpegFile(i: number): Promise<Buffer> {
  return sharp({
    create: { width: 640, height: 480, channels: 3, background: { r: i % 255, g: 120, b: 90 } }
  })
    .jpeg({ quality: 85 })
    .toBuffer()
}
