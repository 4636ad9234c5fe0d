import { jpegSegments } from './jpeg-scan'

/**
 * The program of a file-reading thread (`ReadThreads`), as source text: a thread runs plain
 * JavaScript, and text runs the same under the tests, the CLI and the window's bundled main
 * process, where a script file of its own would need a path in each. It reads synchronously and
 * answers with plain facts; what the bytes mean is worked out by the caller.
 *
 * - `list`: a folder's names, sorted, each with its `lstat` (kind and size) or the error's code.
 * - `heads`: each file's size, the part of its first `head` bytes that its size and ending need
 *   (`headNeeded`), and its last `tail` bytes.
 * - `hash`: each file's SHA-256 and size, and the part of its first bytes its size needs.
 *
 * Bytes come back packed into one transferred buffer per batch (no copy between threads). Only
 * the header goes across: sending whole small photos to the main thread (900 MB for 100,000)
 * made it spend a third of a dry run collecting garbage.
 *
 * Why threads: 100,000 small photos read through the thread pool (`fs.readFile`: open, fstat,
 * read and close, each a round trip to the main thread) took 7.6–11.5 s of a two-core machine,
 * most of it in the kernel; the same reads made synchronously in one thread took 0.7 s.
 */
export const READ_WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads')
const { closeSync, fstatSync, lstatSync, openSync, readSync, readdirSync } = require('node:fs')
const { createHash } = require('node:crypto')
const { join } = require('node:path')

const codeOf = (error) => String((error && error.code) || error)
const chunk = Buffer.allocUnsafe(1024 * 1024)

function kindOf(stats) {
  if (stats.isSymbolicLink()) return 'link'
  if (stats.isDirectory()) return 'folder'
  return stats.isFile() ? 'file' : 'other'
}

function list({ folder }) {
  let names
  try {
    names = readdirSync(folder).sort()
  } catch (error) {
    return { error: codeOf(error) }
  }
  const entries = names.map((name) => {
    try {
      const stats = lstatSync(join(folder, name))
      return { name, kind: kindOf(stats), bytes: stats.size }
    } catch (error) {
      return { name, error: codeOf(error) }
    }
  })
  return { entries }
}

function withFile(path, use) {
  let fd = -1
  try {
    fd = openSync(path, 'r')
    return use(fd, fstatSync(fd).size)
  } catch (error) {
    return { error: codeOf(error) }
  } finally {
    if (fd >= 0) try { closeSync(fd) } catch {}
  }
}

const scratch = Buffer.allocUnsafe(256 * 1024)
const jpegSegments = ${jpegSegments.toString()}

/**
 * How much of a file's first bytes its size and ending need: a JPEG's header up to the end of
 * its start-of-scan segment (all of them when that is not within), another format's first 64.
 */
function headNeeded(first) {
  if (first[0] !== 0xff || first[1] !== 0xd8) return Math.min(first.length, 64)
  for (const { marker, at, length } of jpegSegments(first))
    if (marker === 0xda) return Math.min(first.length, at + 2 + length)
  return first.length
}

function readInto(buffer, fd, from, length) {
  return buffer.subarray(0, length > 0 ? readSync(fd, buffer, 0, length, from) : 0)
}

function headOf(path, { head, tail }) {
  return withFile(path, (fd, bytes) => {
    const first = readInto(head <= scratch.length ? scratch : Buffer.allocUnsafe(head), fd, 0, Math.min(bytes, head))
    const kept = Buffer.from(first.subarray(0, headNeeded(first)))
    const tailFrom = Math.max(0, bytes - tail)
    const last = bytes <= first.length
      ? Buffer.from(first.subarray(tailFrom))
      : readInto(Buffer.allocUnsafe(bytes - tailFrom), fd, tailFrom, bytes - tailFrom)
    return { bytes, parts: [kept, last] }
  })
}

function hashOf(path) {
  return withFile(path, (fd) => {
    const hash = createHash('sha256')
    let bytes = 0
    let first = null
    for (;;) {
      const read = readSync(fd, chunk, 0, chunk.length, null)
      if (read === 0) break
      first ??= Buffer.from(chunk.subarray(0, headNeeded(chunk.subarray(0, read))))
      hash.update(chunk.subarray(0, read))
      bytes += read
    }
    return { bytes, sha256: hash.digest('hex'), parts: [first ?? Buffer.alloc(0)] }
  })
}

function eachFile(read) {
  return (message) => {
    const files = []
    const parts = []
    for (const path of message.paths) {
      const { parts: pieces = [], ...facts } = read(path, message)
      files.push({ ...facts, lengths: pieces.map((piece) => piece.length) })
      parts.push(...pieces)
    }
    const packed = Buffer.concat(parts)
    const own = packed.byteOffset === 0 && packed.buffer.byteLength === packed.length
    const data = own ? packed.buffer : packed.buffer.slice(packed.byteOffset, packed.byteOffset + packed.length)
    return { files, data, transfer: [data] }
  }
}

const operations = { list, heads: eachFile(headOf), hash: eachFile(hashOf) }

parentPort.on('message', (message) => {
  const { transfer, ...answer } = operations[message.op](message)
  parentPort.postMessage({ id: message.id, ...answer }, transfer ?? [])
})
`
