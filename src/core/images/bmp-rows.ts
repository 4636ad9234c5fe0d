/** Where a bitmap's pixels are and how they are packed (read from its headers). */
export interface BmpLayout {
  width: number
  height: number
  topDown: boolean
  bitsPerPixel: number
  pixelOffset: number
  paletteOffset: number
  paletteEntryBytes: 3 | 4
  colours: number
  /** Red, green, blue, alpha masks for 16/32-bit pixels; empty otherwise. */
  masks: number[]
}

/** Decodes one stored row starting at byte `source` into RGB(A) pixels at byte `target`. */
export type RowDecoder = (source: number, target: number) => void

/** The fastest row decoder for this layout, writing `channels` bytes per pixel into `out`. */
export function rowDecoder(
  file: Buffer,
  layout: BmpLayout,
  out: Buffer,
  channels: 3 | 4
): RowDecoder {
  const { width, bitsPerPixel: bits } = layout
  if (bits === 24) {
    return (source, target) => {
      for (let x = 0, s = source, t = target; x < width; x++, s += 3, t += 3) {
        out[t] = file[s + 2]!
        out[t + 1] = file[s + 1]!
        out[t + 2] = file[s]!
      }
    }
  }
  if (bits === 16 || bits === 32) return maskedRows(file, layout, out, channels)
  return paletteRows(file, layout, out)
}

function maskedRows(file: Buffer, layout: BmpLayout, out: Buffer, channels: 3 | 4): RowDecoder {
  const { width, bitsPerPixel: bits } = layout
  const bytes = bits / 8
  const [red, green, blue, alpha] = layout.masks.map(channelOf) as [
    Channel,
    Channel,
    Channel,
    Channel
  ]
  return (source, target) => {
    for (let x = 0, s = source, t = target; x < width; x++, s += bytes, t += channels) {
      const value =
        bits === 16
          ? file[s]! | (file[s + 1]! << 8)
          : (file[s]! | (file[s + 1]! << 8) | (file[s + 2]! << 16) | (file[s + 3]! << 24)) >>> 0
      out[t] = (((value & red.mask) >>> red.shift) * red.scale + 0.5) | 0
      out[t + 1] = (((value & green.mask) >>> green.shift) * green.scale + 0.5) | 0
      out[t + 2] = (((value & blue.mask) >>> blue.shift) * blue.scale + 0.5) | 0
      if (channels === 4)
        out[t + 3] = (((value & alpha.mask) >>> alpha.shift) * alpha.scale + 0.5) | 0
    }
  }
}

/** A mask as shift and scale to 0–255; a zero mask reads as 0. */
interface Channel {
  mask: number
  shift: number
  scale: number
}

function channelOf(mask: number): Channel {
  if (mask === 0) return { mask: 0, shift: 0, scale: 0 }
  const shift = Math.log2(mask & -mask)
  return { mask: mask | 0, shift, scale: 255 / (mask / 2 ** shift) }
}

function paletteRows(file: Buffer, layout: BmpLayout, out: Buffer): RowDecoder {
  const { width, bitsPerPixel: bits } = layout
  const palette = readPalette(file, layout)
  const perByte = 8 / bits
  const indexMask = (1 << bits) - 1
  return (source, target) => {
    for (let x = 0, t = target; x < width; x++, t += 3) {
      const byte = file[source + Math.floor(x / perByte)]!
      const index = (byte >> (8 - bits * ((x % perByte) + 1))) & indexMask
      out[t] = palette[index * 3]!
      out[t + 1] = palette[index * 3 + 1]!
      out[t + 2] = palette[index * 3 + 2]!
    }
  }
}

/** The colour table as RGB triples; indexes past its end read as black. */
function readPalette(file: Buffer, layout: BmpLayout): Uint8Array {
  const palette = new Uint8Array(256 * 3)
  for (let i = 0; i < Math.min(layout.colours, 256); i++) {
    const at = layout.paletteOffset + i * layout.paletteEntryBytes
    if (at + 3 > layout.pixelOffset) break
    palette.set([file[at + 2]!, file[at + 1]!, file[at]!], i * 3)
  }
  return palette
}
