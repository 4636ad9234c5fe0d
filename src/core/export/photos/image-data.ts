import { createHash } from 'node:crypto'
import { jpegStartOfScan } from '../../images/jpeg-scan'

/**
 * A hash of a photo's compressed image data only — JPEG's scans, PNG's IDAT chunks, WebP's
 * VP8/VP8L/ALPH chunks, TIFF's strips or tiles — so writing metadata into a copy can be proven
 * to leave the image itself byte for byte as it was. Null for a file it cannot read.
 */
export function imageDataHash(file: Buffer): string | null {
  const parts = imageDataOf(file)
  if (!parts || parts.length === 0) return null
  const hash = createHash('sha256')
  for (const part of parts) hash.update(part)
  return hash.digest('hex')
}

function imageDataOf(file: Buffer): Buffer[] | null {
  if (file[0] === 0xff && file[1] === 0xd8) return jpegScans(file)
  if (file.subarray(0, 8).equals(PNG_SIGNATURE)) return pngData(file)
  if (file.toString('latin1', 0, 4) === 'RIFF' && file.toString('latin1', 8, 12) === 'WEBP')
    return webpData(file)
  const order = file.toString('latin1', 0, 2)
  if (order === 'II' || order === 'MM') return tiffData(file, order === 'II')
  return null
}

/** From the first start-of-scan to the end-of-image marker: every scan and what lies between. */
function jpegScans(file: Buffer): Buffer[] | null {
  const scan = jpegStartOfScan(file)
  if (!scan) return null
  const end = file.indexOf(Buffer.from([0xff, 0xd9]), scan.at)
  return [file.subarray(scan.at, end < 0 ? file.length : end + 2)]
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

function pngData(file: Buffer): Buffer[] {
  const parts: Buffer[] = []
  for (let at = 8; at + 12 <= file.length;) {
    const length = file.readUInt32BE(at)
    const type = file.toString('latin1', at + 4, at + 8)
    if (type === 'IDAT') parts.push(file.subarray(at + 8, at + 8 + length))
    at += 12 + length
  }
  return parts
}

function webpData(file: Buffer): Buffer[] {
  const parts: Buffer[] = []
  for (let at = 12; at + 8 <= file.length;) {
    const type = file.toString('latin1', at, at + 4)
    const length = file.readUInt32LE(at + 4)
    if (type === 'VP8 ' || type === 'VP8L' || type === 'ALPH' || type === 'ANMF')
      parts.push(file.subarray(at + 8, at + 8 + length))
    at += 8 + length + (length % 2)
  }
  return parts
}

/** The first image's strips (or tiles), by the offsets and byte counts its first IFD names. */
function tiffData(file: Buffer, little: boolean): Buffer[] | null {
  const u16 = (at: number): number => (little ? file.readUInt16LE(at) : file.readUInt16BE(at))
  const u32 = (at: number): number => (little ? file.readUInt32LE(at) : file.readUInt32BE(at))
  const ifd = u32(4)
  if (ifd + 2 > file.length) return null
  const tags = new Map<number, number[]>()
  for (let i = 0, n = u16(ifd); i < n; i++) {
    const entry = ifd + 2 + i * 12
    const [tag, type, count] = [u16(entry), u16(entry + 2), u32(entry + 4)]
    // Only where the image data is: strip or tile offsets and byte counts (SHORT or LONG).
    if (![273, 279, 324, 325].includes(tag) || (type !== 3 && type !== 4)) continue
    const size = type === 3 ? 2 : 4
    const at = count * size > 4 ? u32(entry + 8) : entry + 8
    if (at + count * size > file.length) return null
    const read = (k: number): number => (type === 3 ? u16(at + k * 2) : u32(at + k * 4))
    tags.set(
      tag,
      Array.from({ length: count }, (_, k) => read(k))
    )
  }
  const offsets = tags.get(273) ?? tags.get(324)
  const counts = tags.get(279) ?? tags.get(325)
  if (!offsets || !counts) return null
  return offsets.map((offset, i) => file.subarray(offset, offset + (counts[i] ?? 0)))
}
