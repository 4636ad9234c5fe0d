import { ExifTool } from 'exiftool-vendored'

/** What goes into a photo's metadata: its alt text and its product's copy, per language. */
export interface PhotoText {
  alt: string
  description: string
  title: string
  keywords: string[]
  /** The same in the job's other languages (`es`, `de`), as XMP language alternatives. */
  others: { code: string; alt: string; description: string; title: string }[]
}

/** Writes a PhotoText into a file's metadata in place, leaving the image data as it is. */
export interface MetadataWriter {
  write(path: string, text: PhotoText): Promise<void>
  close(): Promise<void>
}

/** IPTC IIM's caption field holds at most 2,000 bytes. */
const IIM_CAPTION_BYTES = 2000

/**
 * ExifTool (exiftool-vendored: the Perl ExifTool, or its Windows build) writes the XMP packet —
 * `Iptc4xmpCore:AltTextAccessibility`, `Iptc4xmpCore:ExtDescrAccessibility`, `dc:description`,
 * `dc:title`, `dc:subject` — merged with any XMP already there, and the IPTC IIM caption for
 * older readers in JPEG and TIFF. It rewrites metadata segments only, never the image data.
 * Model text goes in as tag values, which the library HTML-encodes (ExifTool's `-E`).
 */
export function metadataWriter(): MetadataWriter {
  let tool: ExifTool | null = null
  return {
    async write(path, text) {
      tool ??= new ExifTool({ maxProcs: 1, taskTimeoutMillis: 60_000 })
      const tags: Record<string, unknown> = {
        'XMP-iptcCore:AltTextAccessibility': text.alt,
        'XMP-iptcCore:ExtDescrAccessibility': text.description,
        'XMP-dc:Description': text.description,
        'XMP-dc:Title': text.title,
        'XMP-dc:Subject': text.keywords
      }
      for (const other of text.others) {
        tags[`XMP-iptcCore:AltTextAccessibility-${other.code}`] = other.alt
        tags[`XMP-iptcCore:ExtDescrAccessibility-${other.code}`] = other.description
        tags[`XMP-dc:Description-${other.code}`] = other.description
        tags[`XMP-dc:Title-${other.code}`] = other.title
      }
      if (/\.(jpe?g|tiff?)$/i.test(path)) {
        tags['IPTC:CodedCharacterSet'] = 'UTF8'
        tags['IPTC:Caption-Abstract'] = fitBytes(text.description, IIM_CAPTION_BYTES)
      }
      const empty = Object.entries(tags).filter(
        ([, v]) => v === '' || (Array.isArray(v) && v.length === 0)
      )
      for (const [name] of empty) delete tags[name]
      await tool.write(path, tags as never, { writeArgs: ['-overwrite_original'] })
    },
    async close() {
      await tool?.end()
      tool = null
    }
  }
}

/** The longest start of `text` that fits in `bytes` UTF-8 bytes, whole characters only. */
function fitBytes(text: string, bytes: number): string {
  if (Buffer.byteLength(text) <= bytes) return text
  let out = ''
  for (const char of text) {
    if (Buffer.byteLength(out + char) > bytes) break
    out += char
  }
  return out
}
