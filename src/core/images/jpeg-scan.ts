/** One header segment of a JPEG: its marker, where the marker is, and its length field. */
export interface JpegSegment {
  marker: number
  at: number
  length: number
}

/**
 * A JPEG's header segments in order, from the start-of-image marker, up to and including the
 * first start-of-scan (FF DA); it stops early where the header is not well formed or the bytes
 * end. A segment's length may run past `bytes`: the caller checks what it reads.
 */
export function* jpegSegments(bytes: Buffer): Generator<JpegSegment> {
  let at = 2
  while (at + 4 <= bytes.length) {
    if (bytes[at] !== 0xff) return
    const marker = bytes[at + 1]
    if (marker === 0xff) {
      at++
      continue
    }
    // Standalone markers (TEM, RSTn) carry no length.
    if (marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      at += 2
      continue
    }
    const length = bytes.readUInt16BE(at + 2)
    yield { marker, at, length }
    if (marker === 0xda) return
    at += 2 + length
  }
}

/**
 * Where a JPEG's first start-of-scan segment (FF DA) is, walking its header segments from the
 * start-of-image marker: the marker's offset and its segment's length; null when the header is
 * not well formed or the scan is not within `bytes`. Within scan data an FF byte is always
 * followed by 00 or a restart marker, so FF D9 after this point is the image's real end.
 */
export function jpegStartOfScan(bytes: Buffer): { at: number; length: number } | null {
  for (const { marker, at, length } of jpegSegments(bytes))
    if (marker === 0xda) return { at, length }
  return null
}
