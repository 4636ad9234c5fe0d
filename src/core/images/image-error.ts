/** Why a photo could not be prepared: a code, words a person understands, and the technical detail. */
export type ImageErrorCode =
  | 'unsupported_format'
  | 'heic_not_supported'
  | 'vector_not_supported'
  | 'not_an_image'
  | 'damaged'
  | 'too_many_pixels'
  | 'file_too_large'
  | 'unreadable'

export class ImageError extends Error {
  constructor(
    readonly code: ImageErrorCode,
    message: string,
    readonly detail?: string
  ) {
    super(message)
    this.name = 'ImageError'
  }
}

/** A photo over the pixel limit set in Settings (a decompression-bomb guard). */
export function tooManyPixels(pixels: number, limit: number): ImageError {
  return new ImageError(
    'too_many_pixels',
    `This image is ${(pixels / 1e6).toFixed(0)} megapixels, over the ${(limit / 1e6).toFixed(0)} MP limit in Settings (a guard against decompression bombs).`
  )
}
