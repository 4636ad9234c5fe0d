import { promisify } from 'node:util'
import { inflateRaw } from 'node:zlib'

/** An XLSX is a ZIP; past these it is refused before a parser unpacks it (a zip bomb). */
export const MAX_UNZIPPED_BYTES = 250 * 1024 * 1024
export const MAX_ZIP_ENTRIES = 10_000

const inflate = promisify(inflateRaw)
const EOCD = 0x06054b50
const CENTRAL = 0x02014b50
const LOCAL = 0x04034b50

interface Entry {
  name: string
  method: number
  compressed: number
  unzipped: number
  localOffset: number
}

/**
 * Checks a ZIP archive before it is unpacked: the sizes its directory claims must fit the limits,
 * and every entry is inflated once, bounded by its claim, so a directory that lies is caught too.
 * Throws a sentence naming what is wrong.
 */
export async function checkZip(zip: Buffer): Promise<void> {
  const entries = readDirectory(zip)
  if (entries.length > MAX_ZIP_ENTRIES)
    throw new Error(`The file holds ${entries.length} packed parts; a spreadsheet has far fewer.`)
  const claimed = entries.reduce((sum, e) => sum + e.unzipped, 0)
  if (claimed > MAX_UNZIPPED_BYTES) throw tooBig(claimed)
  for (const entry of entries) await checkEntry(zip, entry)
}

function tooBig(bytes: number): Error {
  const mb = (n: number): string => `${Math.round(n / 1024 ** 2).toLocaleString('en')} MB`
  return new Error(
    `The file unpacks to ${mb(bytes)}; Photoscribe unpacks sheets up to ${mb(MAX_UNZIPPED_BYTES)} (a guard against zip bombs).`
  )
}

async function checkEntry(zip: Buffer, entry: Entry): Promise<void> {
  if (entry.method === 0) {
    if (entry.compressed !== entry.unzipped) throw damaged(entry.name)
    return
  }
  if (entry.method !== 8)
    throw new Error(`The file packs "${entry.name}" in a way Photoscribe does not read.`)
  if (entry.localOffset + 30 > zip.length || zip.readUInt32LE(entry.localOffset) !== LOCAL)
    throw damaged(entry.name)
  const start =
    entry.localOffset +
    30 +
    zip.readUInt16LE(entry.localOffset + 26) +
    zip.readUInt16LE(entry.localOffset + 28)
  const packed = zip.subarray(start, start + entry.compressed)
  try {
    const out = await inflate(packed, { maxOutputLength: Math.max(1, entry.unzipped) })
    if (out.length !== entry.unzipped) throw damaged(entry.name)
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE')
      throw new Error(
        `The file's part "${entry.name}" unpacks to more than it claims (a zip bomb); it was not read.`
      )
    throw error instanceof Error && error.message.startsWith('The file')
      ? error
      : damaged(entry.name)
  }
}

function damaged(name: string): Error {
  return new Error(`The file is damaged (its part "${name}" cannot be unpacked).`)
}

function readDirectory(zip: Buffer): Entry[] {
  const end = findEnd(zip)
  const count = zip.readUInt16LE(end + 10)
  let at = zip.readUInt32LE(end + 16)
  if (count === 0xffff || at === 0xffffffff)
    throw new Error('The file is a ZIP64 archive; a spreadsheet this large is not read.')
  const entries: Entry[] = []
  for (let i = 0; i < count; i++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== CENTRAL)
      throw new Error('The file is damaged (its table of contents is cut short).')
    const nameLength = zip.readUInt16LE(at + 28)
    entries.push({
      method: zip.readUInt16LE(at + 10),
      compressed: zip.readUInt32LE(at + 20),
      unzipped: zip.readUInt32LE(at + 24),
      localOffset: zip.readUInt32LE(at + 42),
      name: zip.toString('utf8', at + 46, at + 46 + nameLength)
    })
    at += 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32)
  }
  return entries
}

function findEnd(zip: Buffer): number {
  const lowest = Math.max(0, zip.length - 22 - 0xffff)
  for (let at = zip.length - 22; at >= lowest; at--) if (zip.readUInt32LE(at) === EOCD) return at
  throw new Error('The file is not a spreadsheet Photoscribe can read (it is not an XLSX).')
}
