import { ImageError } from './image-error'

const HEIC_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs'])

/**
 * Refuses, before decoding, what this build cannot or must not read, with a message that says
 * what to do: HEIC (HEVC is not in this build) and SVG (vector, and a script risk).
 */
export function refuseKnownUnsupported(start: Buffer): void {
  const head = start.toString('latin1')
  if (head.slice(4, 8) === 'ftyp' && HEIC_BRANDS.has(head.slice(8, 12))) throw heicError()
  if (/^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*<svg[\s>]/i.test(head)) throw svgError()
}

/** HEIC seen only after decoding starts (a HEIF container holding HEVC). */
export function heicError(detail?: string): ImageError {
  return new ImageError(
    'heic_not_supported',
    'This is a HEIC photo (iPhone format), which this build cannot read. Export it as JPEG (on a Mac: Preview › Export; on iPhone: Settings › Camera › Formats › Most Compatible) and add it again.',
    detail
  )
}

/** SVG: vector artwork, and a script risk. */
export function svgError(): ImageError {
  return new ImageError(
    'vector_not_supported',
    'Vector images (SVG) are not supported. Export the image as PNG or JPEG and add it again.'
  )
}
