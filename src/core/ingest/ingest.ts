import { lstat, realpath, stat } from 'node:fs/promises'
import type { Size } from '@shared/models/image-tokens'
import { extname, isAbsolute, join, relative, resolve } from 'node:path'
import { DEFAULT_PREPROCESS } from '../images/preprocess'
import { hashFiles } from './hash-files'
import { listFolder, type EntryStats } from './folder-listing'
import { KNOWN_UNSUPPORTED, SUPPORTED_EXTENSIONS, isHiddenOrSystem } from './extensions'

/** One photo to process: a content hash and every path that holds those bytes. */
export interface IngestedPhoto {
  sha256: string
  bytes: number
  paths: string[]
  /** Its upright size, when the hash's first chunk had the header (the estimate needs no other read). */
  size?: Size
}

/** A file that was found but cannot be processed, with the reason. */
export interface RejectedFile {
  path: string
  reason: string
}

export interface IngestResult {
  photos: IngestedPhoto[]
  rejected: RejectedFile[]
  /** Files skipped on purpose (hidden, system, not images), for the summary. */
  skipped: number
}

/** Ingest limits; the size cap applies before any byte of a file is read. */
export interface IngestOptions {
  maxFileBytes: number
}

const DEFAULT_INGEST: IngestOptions = { maxFileBytes: DEFAULT_PREPROCESS.maxFileBytes }

/** What the folder walk carries along: the chosen roots (links may not lead outside them). */
interface Walk {
  files: string[]
  bytes: Map<string, number>
  result: IngestResult
  seenDirs: Set<string>
  roots: string[]
  options: IngestOptions
  onFile: (path: string) => void
}

/** What a folder walk found: photo files to read, refused files, and how many it skipped. */
export interface Listing {
  files: string[]
  rejected: RejectedFile[]
  skipped: number
  /** Each file's size as the walk saw it (a small file is then read in one call). */
  bytes?: ReadonlyMap<string, number>
}

/**
 * Lists files and folders (recursively) without reading a byte of any photo. Only regular files
 * count (a pipe or a device would hang a read), links inside a chosen folder may not lead outside
 * the chosen folders, and files over the size cap are refused. `onFile` hears each photo found.
 */
export async function listFiles(
  inputs: readonly string[],
  onFile: (path: string) => void = () => {},
  options: IngestOptions = DEFAULT_INGEST
): Promise<Listing> {
  const result: IngestResult = { photos: [], rejected: [], skipped: 0 }
  const roots = await Promise.all(
    inputs.map((input) => realpath(resolve(input)).catch(() => resolve(input)))
  )
  const walk: Walk = {
    files: [],
    bytes: new Map(),
    result,
    seenDirs: new Set(),
    roots,
    options,
    onFile
  }
  for (const input of inputs) await collect(resolve(input), walk, true)
  return {
    files: walk.files,
    rejected: result.rejected,
    skipped: result.skipped,
    bytes: walk.bytes
  }
}

/** Lists the inputs, hashes each photo, and groups duplicates by content. */
export async function ingest(
  inputs: readonly string[],
  onProgress: (found: number) => void = () => {},
  options: IngestOptions = DEFAULT_INGEST,
  listed?: Listing
): Promise<IngestResult> {
  const listing = listed ?? (await listFiles(inputs, () => {}, options))
  const result: IngestResult = {
    photos: [],
    rejected: [...listing.rejected],
    skipped: listing.skipped
  }
  // Hashed on the read threads, folded in the listing's order (ids and duplicates stay stable).
  const digests = await hashFiles(listing.files, listing.bytes, onProgress)
  const byHash = new Map<string, IngestedPhoto>()
  for (const [index, path] of listing.files.entries()) {
    const digest = digests[index]
    if ('error' in digest) {
      result.rejected.push({ path, reason: readReason(digest.error) })
      continue
    }
    const existing = byHash.get(digest.sha256)
    if (existing) existing.paths.push(path)
    else byHash.set(digest.sha256, { ...digest, paths: [path] })
  }
  result.photos = [...byHash.values()]
  return result
}

async function collect(
  path: string,
  walk: Walk,
  chosen: boolean,
  /** The entry's `lstat`, when its folder already took it (with its siblings, at once). */
  known?: Promise<EntryStats>
): Promise<void> {
  const info = await entryInfo(path, walk, chosen, known)
  if (typeof info === 'string') return reject(walk, path, info)
  if (info.isDirectory()) return collectFolder(path, walk)
  const ext = extname(path).toLowerCase()
  if (!SUPPORTED_EXTENSIONS.has(ext)) {
    if (KNOWN_UNSUPPORTED.has(ext)) reject(walk, path, unsupportedReason(ext))
    else walk.result.skipped++
    return
  }
  if (!info.isFile())
    return reject(
      walk,
      path,
      'This is not a regular file (a pipe, socket or device), so it was not read.'
    )
  if (info.size > walk.options.maxFileBytes)
    return reject(
      walk,
      path,
      `This file is ${gb(info.size)}, over the ${gb(walk.options.maxFileBytes)} limit for one photo; it was not read.`
    )
  walk.files.push(path)
  walk.bytes.set(path, info.size)
  walk.onFile(path)
}

/**
 * What an entry is, following a link only when it stays inside the folders chosen (a link the
 * person chose is always followed); a reason instead when it cannot be read or leads outside.
 */
async function entryInfo(
  path: string,
  walk: Walk,
  chosen: boolean,
  known?: Promise<EntryStats>
): Promise<EntryStats | string> {
  try {
    const link = await (known ?? lstat(path))
    if (!link.isSymbolicLink()) return link
    if (!chosen) {
      const target = await realpath(path)
      if (!walk.roots.some((root) => isInside(target, root)))
        return 'This is a link to a file outside the folders you chose, so it was not read.'
    }
    return await stat(path)
  } catch (error) {
    return readReason(error)
  }
}

async function collectFolder(path: string, walk: Walk): Promise<void> {
  const real = await realpath(path).catch(() => path)
  if (walk.seenDirs.has(real)) return // a symlink loop, or the same folder twice
  walk.seenDirs.add(real)
  const listed = await listFolder(path)
  if ('error' in listed) return reject(walk, path, readReason(listed.error))
  const shown = listed.filter((entry) => !isHiddenOrSystem(entry.name))
  walk.result.skipped += listed.length - shown.length
  for (const entry of shown) {
    const known = 'stats' in entry ? Promise.resolve(entry.stats) : Promise.reject(entry.error)
    await collect(join(path, entry.name), walk, false, known)
  }
}

function reject(walk: Walk, path: string, reason: string): void {
  walk.result.rejected.push({ path, reason })
}

function isInside(path: string, root: string): boolean {
  const rel = relative(root, path)
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel))
}

function gb(bytes: number): string {
  return bytes >= 1024 ** 3
    ? `${(bytes / 1024 ** 3).toFixed(1)} GB`
    : `${Math.round(bytes / 1024 ** 2)} MB`
}

function unsupportedReason(ext: string): string {
  if (ext === '.heic' || ext === '.heif')
    return 'HEIC photos (iPhone format) cannot be read by this build. Export them as JPEG and add them again.'
  if (ext === '.svg')
    return 'Vector images (SVG) are not supported. Export the image as PNG or JPEG.'
  return `${ext.slice(1).toUpperCase()} files are not supported. Save the photo as JPEG or PNG and add it again.`
}

function readReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'EACCES' || code === 'EPERM')
    return "Photoscribe can't open this file (permission denied)."
  if (code === 'ENOENT') return 'This file or folder no longer exists.'
  if (code === 'ELOOP') return 'This link points back to itself.'
  return `Photoscribe can't read this file (${code ?? String(error)}).`
}
