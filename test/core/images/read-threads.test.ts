import { mkdir, mkdtemp, readFile, symlink, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { ReadThreads } from '../../../src/core/images/read-threads'
import { CUT_OFF_HEAD } from '../../../src/core/images/cut-off'
import { hashFile } from '../../../src/core/images/hash-file'
import { sizeFromHead } from '../../../src/core/images/head-size'
import { readPhotoHead, readPhotoHeads } from '../../../src/core/images/photo-head'
import { fixturePhotoCopies } from '../../helpers/photo-copies'

const FIXTURES = join(__dirname, '../../fixtures/images')

/** Every fixture photo, cut-off copies of four, a file that is not an image and a missing one. */
async function photos(): Promise<string[]> {
  const { dir, paths } = await fixturePhotoCopies('photoscribe-threads-')
  await writeFile(join(dir, 'notes.jpg'), 'not a photo')
  return [...paths, join(dir, 'notes.jpg'), join(dir, 'gone.jpg')]
}

let threads: ReadThreads | null = null
afterEach(async () => threads?.close())

describe('photo heads read on threads of their own', () => {
  it('say for every photo, in order, what one read on the thread pool says', async () => {
    const paths = await photos()
    const expected = await Promise.all(paths.map((path) => readPhotoHead(path)))
    expect(expected.filter((head) => head.cutOff).length).toBeGreaterThanOrEqual(4)
    expect(expected.filter((head) => head.size === null).length).toBeGreaterThanOrEqual(2)
    const halves = [paths.slice(0, 7), paths.slice(7)]
    const [first, second] = await Promise.all(halves.map((half) => readPhotoHeads(half)))
    expect([...first, ...second]).toEqual(expected)
  })

  it('more calls than threads are each answered once, with the header and the ending', async () => {
    const paths = (await photos()).slice(0, -1)
    threads = new ReadThreads(1)
    const calls = Array.from({ length: 6 }, () => threads!.heads(paths, CUT_OFF_HEAD, 4096))
    for (const answer of await Promise.all(calls))
      for (const [i, path] of paths.entries()) {
        const data = await readFile(path)
        const file = answer[i]
        if ('error' in file) throw new Error(`${path}: ${file.error}`)
        const [head, tail] = file.pieces
        expect(file.bytes).toBe(data.length)
        expect(head.equals(data.subarray(0, head.length)), path).toBe(true)
        expect(sizeFromHead(head), path).toEqual(sizeFromHead(data.subarray(0, CUT_OFF_HEAD)))
        expect(tail.equals(data.subarray(Math.max(0, data.length - 4096))), path).toBe(true)
      }
  })

  it("send a small JPEG's header only, not the whole photo", async () => {
    const path = join(FIXTURES, 'flowers.jpeg')
    const data = await readFile(path)
    threads = new ReadThreads(1)
    const [file] = await threads.heads([path], CUT_OFF_HEAD, 4096)
    if ('error' in file) throw new Error(file.error)
    expect(data.length).toBeLessThan(CUT_OFF_HEAD)
    expect(file.pieces[0].length).toBeLessThan(data.length / 4)
  })
})

describe('files hashed on a thread', () => {
  it('give the digest, size and header the thread pool gives; a missing file its code', async () => {
    const paths = await photos()
    threads = new ReadThreads(2)
    const hashed = await threads.hash(paths)
    for (const [i, path] of paths.slice(0, -1).entries()) {
      const { sha256, bytes, size } = await hashFile(path)
      const file = hashed[i]
      if ('error' in file) throw new Error(`${path}: ${file.error}`)
      expect({ sha256: file.sha256, bytes: file.bytes }).toEqual({ sha256, bytes })
      // A thread reads 1 MiB at a time where the pool reads 256 KiB: it finds a header further in.
      expect(sizeFromHead(file.pieces[0]), path).toEqual(size ?? sizeFromHead(await readFile(path)))
    }
    expect(hashed.at(-1)).toEqual({ error: 'ENOENT' })
  })
})

describe('a folder listed on a thread', () => {
  it('gives its entries sorted, each a kind and a size, or the error code', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'photoscribe-threads-'))
    await writeFile(join(dir, 'b.jpg'), 'abc')
    await mkdir(join(dir, 'a'))
    await symlink(join(dir, 'b.jpg'), join(dir, 'c.jpg'))
    threads = new ReadThreads(1)
    expect(await threads.list(dir)).toEqual({
      entries: [
        { name: 'a', kind: 'folder', bytes: expect.any(Number) },
        { name: 'b.jpg', kind: 'file', bytes: 3 },
        { name: 'c.jpg', kind: 'link', bytes: expect.any(Number) }
      ]
    })
    expect(await threads.list(join(dir, 'gone'))).toEqual({ error: 'ENOENT' })
  })
})

describe('a thread that dies', () => {
  it('fails its call (the caller reads on the thread pool) and a new thread takes the next', async () => {
    const paths = await photos()
    threads = new ReadThreads(1)
    await threads.heads(paths.slice(0, 1), CUT_OFF_HEAD, 4096)
    const [thread] = (threads as unknown as { idle: { terminate(): Promise<number> }[] }).idle
    const call = threads.heads(paths, CUT_OFF_HEAD, 4096)
    await thread.terminate()
    await expect(call).rejects.toThrow()
    expect(await threads.heads(paths.slice(0, 1), CUT_OFF_HEAD, 4096)).toHaveLength(1)
  })
})
