import { readFile } from 'node:fs/promises'
import sharp, { type Metadata, type OutputInfo, type Sharp } from 'sharp'
import {
  apiImageSize,
  type Detail,
  type ImageTokenMethod,
  type Size
} from '@shared/models/image-tokens'
import { ImageError, tooManyPixels, type ImageErrorCode } from './image-error'
import { decodeBmp, isBmp } from './bmp'
import { heicError, refuseKnownUnsupported, svgError } from './sniff'

/** How photos are prepared; part of the cache key. */
export interface PreprocessSettings {
  detail: Detail
  method: ImageTokenMethod
  jpegQuality: number
  /** Colour transparent areas are flattened onto (CSS hex). */
  background: string
  limitInputPixels: number
  maxFileBytes: number
}

export const DEFAULT_PREPROCESS: Omit<PreprocessSettings, 'detail' | 'method'> = {
  jpegQuality: 85,
  background: '#ffffff',
  limitInputPixels: 100_000_000,
  maxFileBytes: 200 * 1024 * 1024
}

/** A photo ready to upload: upright 8-bit sRGB, no metadata, the size the API would use anyway. */
export interface PreparedImage {
  data: Buffer
  mime: 'image/jpeg' | 'image/png'
  width: number
  height: number
  source: { format: string; width: number; height: number; bytes: number }
  /** Things a person may want to know (e.g. the file was incomplete). */
  notes: string[]
}

/** Formats that often hold graphics (flat colour, text), where PNG may beat JPEG. */
const GRAPHIC_FORMATS = new Set(['png', 'gif', 'bmp'])

/** A photo's bytes, or (better) a file already hashed: libvips then reads it, not the JS heap. */
export type ImageInput = Buffer | { path: string; head: Buffer; size: number }

/** Prepares one photo, or throws an ImageError saying why not. Never upscales. */
export async function preprocessImage(
  input: ImageInput,
  settings: PreprocessSettings
): Promise<PreparedImage> {
  const [bytes, head, size] = Buffer.isBuffer(input)
    ? [input, input.subarray(0, 512), input.length]
    : [input.path, input.head, input.size]
  if (size > settings.maxFileBytes) {
    throw new ImageError(
      'file_too_large',
      `This file is ${mb(size)}, over the ${mb(settings.maxFileBytes)} limit set in Settings.`
    )
  }
  refuseKnownUnsupported(head)
  const source = isBmp(head) ? await bmpSource(bytes, settings) : { input: bytes }
  const meta = await readMetadata(source, settings)
  const format = source.raw ? 'bmp' : (meta.format ?? 'unknown')
  const upright: Size = meta.autoOrient ?? { width: meta.width!, height: meta.height! }
  const target = apiImageSize(upright, settings.detail, settings.method)
  const { result, notes } = await decodeLeniently((failOn) =>
    encode(pipeline(source, target, settings, failOn), format, settings)
  )
  return {
    data: result.data,
    mime: result.mime,
    width: result.info.width,
    height: result.info.height,
    source: { format, width: upright.width, height: upright.height, bytes: size },
    notes
  }
}

/** Decodes strictly, and when that fails, once more taking what can be read (with a note). */
async function decodeLeniently<T>(
  decode: (failOn: 'warning' | 'none') => Promise<T>
): Promise<{ result: T; notes: string[] }> {
  try {
    return { result: await decode('warning'), notes: [] }
  } catch {
    const result = await decode('none').catch((error: unknown) => {
      throw damaged(error)
    })
    const note = 'The file is incomplete or slightly damaged; the part that could be read was used.'
    return { result, notes: [note] }
  }
}

/** What sharp reads: the file (path or bytes), or pixels this module decoded itself (BMP). */
interface SharpSource {
  input: Buffer | string
  raw?: { width: number; height: number; channels: 3 | 4 }
}

/** sharp's build has no BMP reader, so BMPs are decoded here into raw pixels for it. */
async function bmpSource(
  bytes: Buffer | string,
  settings: PreprocessSettings
): Promise<SharpSource> {
  const file = Buffer.isBuffer(bytes) ? bytes : await readFile(bytes)
  const { data, ...raw } = await decodeBmp(file, settings.limitInputPixels)
  return { input: data, raw }
}

async function readMetadata(source: SharpSource, settings: PreprocessSettings): Promise<Metadata> {
  let meta: Metadata
  try {
    meta = await sharp(source.input, { limitInputPixels: false, raw: source.raw }).metadata()
  } catch (error) {
    throw classifyDecodeError(error)
  }
  if (!meta.width || !meta.height)
    throw new ImageError('not_an_image', 'This file is not an image Photoscribe can read.')
  if (meta.format === 'heif' && meta.compression === 'hevc') throw heicError()
  if (meta.format === 'svg') throw svgError()
  if (meta.width * meta.height > settings.limitInputPixels) {
    throw tooManyPixels(meta.width * meta.height, settings.limitInputPixels)
  }
  return meta
}

function pipeline(
  source: SharpSource,
  target: Size,
  settings: PreprocessSettings,
  failOn: 'warning' | 'none'
): Sharp {
  const options = { limitInputPixels: settings.limitInputPixels, failOn, raw: source.raw }
  return sharp(source.input, source.raw ? options : { ...options, pages: 1 })
    .rotate()
    .resize(target.width, target.height, { fit: 'inside', withoutEnlargement: true })
    .flatten({ background: settings.background })
    .toColourspace('srgb')
}

/** JPEG, unless the source is a graphic (PNG/GIF) whose PNG encoding comes out smaller. */
async function encode(
  image: Sharp,
  format: string,
  settings: PreprocessSettings
): Promise<{ data: Buffer; mime: PreparedImage['mime']; info: OutputInfo }> {
  const jpeg = await image
    .clone()
    .jpeg({ quality: settings.jpegQuality, mozjpeg: false })
    .toBuffer({ resolveWithObject: true })
  if (!GRAPHIC_FORMATS.has(format)) return { data: jpeg.data, mime: 'image/jpeg', info: jpeg.info }
  const png = await image
    .clone()
    .png({ compressionLevel: 9, palette: true })
    .toBuffer({ resolveWithObject: true })
  return png.data.length < jpeg.data.length
    ? { data: png.data, mime: 'image/png', info: png.info }
    : { data: jpeg.data, mime: 'image/jpeg', info: jpeg.info }
}

function classifyDecodeError(error: unknown): ImageError {
  const detail = error instanceof Error ? error.message : String(error)
  if (/unsupported image format/i.test(detail))
    return new ImageError(
      'not_an_image',
      'This file is not an image Photoscribe can read (JPEG, PNG, WebP, GIF, AVIF, TIFF or BMP).',
      detail
    )
  if (/pixel limit/i.test(detail))
    return new ImageError(
      'too_many_pixels',
      'This image has more pixels than the limit set in Settings.',
      detail
    )
  return damaged(error)
}

function damaged(error: unknown): ImageError {
  const detail = error instanceof Error ? error.message : String(error)
  const code: ImageErrorCode = 'damaged'
  return new ImageError(
    code,
    `This photo's file is damaged and cannot be read (${shortReason(detail)}).`,
    detail
  )
}

function shortReason(detail: string): string {
  if (/corrupt header|no image/i.test(detail)) return 'corrupt header'
  if (/premature end|truncated/i.test(detail)) return 'the file ends too early'
  return 'unreadable data'
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0)} MB`
}
