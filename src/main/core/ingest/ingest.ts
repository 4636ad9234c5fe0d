import { readdir, realpath, stat } from 'node:fs/promises'
import { extname, join, resolve } from 'node:path'
import { hashFile } from '../images/hash-file'
import { KNOWN_UNSUPPORTED, SUPPORTED_EXTENSIONS, isHiddenOrSystem } from './extensions'

/** One photo to process: a content hash and every path that holds those bytes. */
export interface IngestedPhoto {
  sha256: string
  bytes: number
  paths: string[]
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

/** Lists files and folders (recursively), hashes each photo, and groups duplicates by content. */
export async function ingest(
  inputs: readonly string[],
  onProgress: (found: number) => void = () => {}
): Promise<IngestResult> {
  const files: string[] = []
  const result: IngestResult = { photos: [], rejected: [], skipped: 0 }
  const seenDirs = new Set<string>()
  for (const input of inputs) await collect(resolve(input), files, result, seenDirs)
  const byHash = new Map<string, IngestedPhoto>()
  for (const [index, path] of files.entries()) {
    try {
      const { sha256, bytes } = await hashFile(path)
      const existing = byHash.get(sha256)
      if (existing) existing.paths.push(path)
      else byHash.set(sha256, { sha256, bytes, paths: [path] })
    } catch (error) {
      result.rejected.push({ path, reason: readReason(error) })
    }
    onProgress(index + 1)
  }
  result.photos = [...byHash.values()]
  return result
}

async function collect(
  path: string,
  files: string[],
  result: IngestResult,
  seenDirs: Set<string>
): Promise<void> {
  let info
  try {
    info = await stat(path)
  } catch (error) {
    result.rejected.push({ path, reason: readReason(error) })
    return
  }
  if (info.isDirectory()) return collectFolder(path, files, result, seenDirs)
  const ext = extname(path).toLowerCase()
  if (SUPPORTED_EXTENSIONS.has(ext)) files.push(path)
  else if (KNOWN_UNSUPPORTED.has(ext))
    result.rejected.push({ path, reason: unsupportedReason(ext) })
  else result.skipped++
}

async function collectFolder(
  path: string,
  files: string[],
  result: IngestResult,
  seenDirs: Set<string>
): Promise<void> {
  const real = await realpath(path).catch(() => path)
  if (seenDirs.has(real)) return // a symlink loop, or the same folder twice
  seenDirs.add(real)
  let names: string[]
  try {
    names = (await readdir(path)).sort()
  } catch (error) {
    result.rejected.push({ path, reason: readReason(error) })
    return
  }
  for (const name of names) {
    if (isHiddenOrSystem(name)) result.skipped++
    else await collect(join(path, name), files, result, seenDirs)
  }
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
