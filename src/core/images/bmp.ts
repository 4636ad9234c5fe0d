import { rowDecoder, type BmpLayout } from './bmp-rows'
import { ImageError, tooManyPixels } from './image-error'

/** Decoded pixels in the form sharp's `raw` input takes: RGB or RGBA, 8 bits, top row first. */
export interface RawImage {
  data: Buffer
  width: number
  height: number
  channels: 3 | 4
}

const FILE_HEADER = 14
const BI_RGB = 0
const BI_BITFIELDS = 3
const BI_ALPHABITFIELDS = 6
const PIXELS_PER_SLICE = 1_000_000

/** True for a Windows bitmap: "BM", then a DIB header of a size some BMP version uses. */
export function isBmp(head: Buffer): boolean {
  return (
    head.length >= 18 && head.toString('latin1', 0, 2) === 'BM' && knownDib(head.readUInt32LE(14))
  )
}

const knownDib = (size: number): boolean => [12, 40, 52, 56, 108, 124].includes(size)

/**
 * Decodes uncompressed BMPs (1/4/8-bit palettes, 16/24/32-bit, bit fields, top-down or bottom-up),
 * which sharp's build cannot read. RLE and embedded JPEG/PNG bitmaps are refused with what to do.
 * `maxPixels` is checked before any pixel memory is allocated; decoding yields to the event loop
 * every million pixels or so, so a large bitmap never freezes the window.
 */
export async function decodeBmp(file: Buffer, maxPixels: number): Promise<RawImage> {
  if (!isBmp(file)) throw damagedBmp('not a bitmap header')
  const layout = readLayout(file)
  if (layout.width * layout.height > maxPixels) {
    throw tooManyPixels(layout.width * layout.height, maxPixels)
  }
  const stride = Math.ceil((layout.width * layout.bitsPerPixel) / 32) * 4
  if (layout.pixelOffset + stride * layout.height > file.length) {
    throw damagedBmp('the file ends too early')
  }
  const channels = layout.masks[3] ? 4 : 3
  const data = Buffer.alloc(layout.width * layout.height * channels)
  const decodeRow = rowDecoder(file, layout, data, channels)
  const rowsPerSlice = Math.max(1, Math.floor(PIXELS_PER_SLICE / layout.width))
  for (let y = 0; y < layout.height; y++) {
    const stored = layout.topDown ? y : layout.height - 1 - y
    decodeRow(layout.pixelOffset + stride * stored, y * layout.width * channels)
    if ((y + 1) % rowsPerSlice === 0) await new Promise((resolve) => setImmediate(resolve))
  }
  if (channels === 4) opaqueIfAlphaUnused(data)
  return { data, width: layout.width, height: layout.height, channels }
}

function readLayout(file: Buffer): BmpLayout {
  const dibSize = file.readUInt32LE(FILE_HEADER)
  const core = dibSize === 12
  const at = FILE_HEADER + 4
  const width = core ? file.readUInt16LE(at) : file.readInt32LE(at)
  const signedHeight = core ? file.readUInt16LE(at + 2) : file.readInt32LE(at + 4)
  const bitsPerPixel = file.readUInt16LE(core ? at + 6 : at + 10)
  const compression = core ? BI_RGB : file.readUInt32LE(at + 12)
  if (compression !== BI_RGB && compression !== BI_BITFIELDS && compression !== BI_ALPHABITFIELDS) {
    throw new ImageError(
      'unsupported_format',
      'This BMP is compressed (RLE or embedded JPEG/PNG), which Photoscribe cannot read. Save it as JPEG or PNG and add it again.'
    )
  }
  if (width <= 0 || signedHeight === 0 || ![1, 4, 8, 16, 24, 32].includes(bitsPerPixel)) {
    throw damagedBmp(`${width}×${signedHeight} at ${bitsPerPixel} bits per pixel`)
  }
  const masksAfterHeader = dibSize === 40 && compression !== BI_RGB
  const paletteOffset =
    FILE_HEADER + dibSize + (masksAfterHeader ? (compression === BI_ALPHABITFIELDS ? 16 : 12) : 0)
  const usedColours = core ? 0 : file.readUInt32LE(at + 28)
  return {
    width,
    height: Math.abs(signedHeight),
    topDown: signedHeight < 0,
    bitsPerPixel,
    pixelOffset: file.readUInt32LE(10),
    paletteOffset,
    paletteEntryBytes: core ? 3 : 4,
    colours: usedColours || 2 ** Math.min(bitsPerPixel, 8),
    masks: readMasks(file, dibSize, compression, bitsPerPixel)
  }
}

/** Red, green, blue and alpha masks for 16/32-bit pixels (empty for palettes and 24-bit). */
function readMasks(file: Buffer, dibSize: number, compression: number, bits: number): number[] {
  if (bits !== 16 && bits !== 32) return []
  if (compression === BI_RGB) {
    return bits === 16 ? [0x7c00, 0x03e0, 0x001f, 0] : [0xff0000, 0xff00, 0xff, 0]
  }
  const at = FILE_HEADER + 40
  const alpha = dibSize >= 56 || compression === BI_ALPHABITFIELDS ? file.readUInt32LE(at + 12) : 0
  return [file.readUInt32LE(at), file.readUInt32LE(at + 4), file.readUInt32LE(at + 8), alpha]
}

/** A 32-bit bitmap whose alpha is zero everywhere was written by a tool that ignores alpha. */
function opaqueIfAlphaUnused(rgba: Buffer): void {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 0) return
  for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255
}

function damagedBmp(reason: string): ImageError {
  return new ImageError('damaged', `This BMP file is damaged and cannot be read (${reason}).`)
}
