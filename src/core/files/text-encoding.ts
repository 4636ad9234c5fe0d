import chardet from 'chardet'
import type { EncodingSource, SheetEncoding } from '@shared/domain/sheet-encoding'

export type { SheetEncoding } from '@shared/domain/sheet-encoding'

/** How a text file's bytes were read: the encoding, and how it was decided. */
export interface DecodedText {
  text: string
  /** A WHATWG label: `utf-8`, `utf-16le`, `gb18030`, `shift_jis`, `windows-1252`, … */
  encoding: SheetEncoding
  how: EncodingSource
}

/** chardet's names as TextDecoder labels (GBK is read as its superset GB18030). */
const DETECTED: Record<string, SheetEncoding> = {
  'UTF-8': 'utf-8',
  'UTF-16LE': 'utf-16le',
  'UTF-16BE': 'utf-16be',
  GB18030: 'gb18030',
  Big5: 'big5',
  Shift_JIS: 'shift_jis',
  'EUC-JP': 'euc-jp',
  'EUC-KR': 'euc-kr',
  'ISO-8859-1': 'windows-1252',
  'windows-1252': 'windows-1252',
  'windows-1250': 'windows-1250',
  'windows-1251': 'windows-1251',
  'ISO-8859-2': 'iso-8859-2'
}

/**
 * Decodes a sheet saved by any spreadsheet program: the encoding chosen by hand, else its byte
 * order mark, else UTF-8 when the bytes are valid UTF-8, else UTF-16 when every other byte of
 * ASCII text is zero, else what a statistical detector finds (Windows-1252 when it finds nothing).
 */
export function decodeText(bytes: Uint8Array, chosen?: SheetEncoding): DecodedText {
  if (chosen) return { text: decode(bytes, chosen), encoding: chosen, how: 'chosen' }
  const bom = byteOrderMark(bytes)
  if (bom)
    return {
      text: decode(bytes.subarray(bom.length), bom.encoding),
      encoding: bom.encoding,
      how: 'bom'
    }
  const utf8 = strictUtf8(bytes)
  if (utf8 !== null) return { text: utf8, encoding: 'utf-8', how: 'utf-8' }
  const encoding = utf16Order(bytes) ?? detected(bytes)
  return { text: decode(bytes, encoding), encoding, how: 'detected' }
}

function decode(bytes: Uint8Array, encoding: SheetEncoding): string {
  return new TextDecoder(encoding).decode(bytes).replace(/^\uFEFF/, '')
}

function byteOrderMark(bytes: Uint8Array): { encoding: SheetEncoding; length: number } | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return { encoding: 'utf-8', length: 3 }
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { encoding: 'utf-16le', length: 2 }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { encoding: 'utf-16be', length: 2 }
  return null
}

function strictUtf8(bytes: Uint8Array): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes)
  } catch {
    return null
  }
}

/** UTF-16 without a mark: most code units of a CSV are ASCII, so one byte of each pair is zero. */
function utf16Order(bytes: Uint8Array): SheetEncoding | null {
  const pairs = Math.min(bytes.length >> 1, 4096)
  if (pairs < 2) return null
  let evenZeros = 0
  let oddZeros = 0
  for (let i = 0; i < pairs; i++) {
    if (bytes[2 * i] === 0) evenZeros++
    if (bytes[2 * i + 1] === 0) oddZeros++
  }
  if (oddZeros > pairs * 0.6 && evenZeros < pairs * 0.1) return 'utf-16le'
  if (evenZeros > pairs * 0.6 && oddZeros < pairs * 0.1) return 'utf-16be'
  return null
}

function detected(bytes: Uint8Array): SheetEncoding {
  for (const match of chardet.analyse(bytes.subarray(0, 256 * 1024))) {
    const encoding = DETECTED[match.name]
    if (encoding && encoding !== 'utf-8') return encoding
  }
  return 'windows-1252'
}
