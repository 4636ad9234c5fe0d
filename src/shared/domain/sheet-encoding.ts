/** Encodings a CSV sheet may be read in (what spreadsheet programs save CSV in), as WHATWG labels. */
export const SHEET_ENCODINGS = [
  'utf-8',
  'utf-16le',
  'utf-16be',
  'gb18030',
  'big5',
  'shift_jis',
  'euc-jp',
  'euc-kr',
  'windows-1252',
  'windows-1250',
  'windows-1251',
  'iso-8859-2'
] as const
export type SheetEncoding = (typeof SHEET_ENCODINGS)[number]

/** How the encoding was decided: a byte order mark, valid UTF-8, a detector, or a person. */
export type EncodingSource = 'bom' | 'utf-8' | 'detected' | 'chosen'
