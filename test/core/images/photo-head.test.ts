import { copyFile, mkdtemp, readFile, readdir, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { looksCutOff } from '../../../src/core/images/cut-off'
import { readPhotoHead, readPhotoSize } from '../../../src/core/images/photo-head'
import { hashFile } from '../../../src/core/images/hash-file'

const FIXTURES = join(__dirname, '../../fixtures/images')

/** Every fixture photo, plus a JPEG, PNG and WebP cut to two thirds (cut-off ones). */
async function photos(): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), 'photoscribe-head-'))
  const names = (await readdir(FIXTURES)).filter((name) => !name.endsWith('.md'))
  const paths: string[] = []
  for (const name of names) {
    await copyFile(join(FIXTURES, name), join(dir, name))
    paths.push(join(dir, name))
  }
  for (const name of ['flowers.jpeg', '2569067123_aca715a2ee_o.jpg', 'with-alpha.png', '4.webp']) {
    const bytes = await readFile(join(FIXTURES, name))
    const cut = join(dir, `cut-${name}`)
    await writeFile(cut, bytes.subarray(0, Math.floor((bytes.length * 2) / 3)))
    paths.push(cut)
  }
  return paths
}

describe('a dropped photo read once for its size and its ending', () => {
  it('says what the size read and the cut-off check said apart, small files read whole or not', async () => {
    for (const path of await photos()) {
      const size = await readPhotoSize(path)
      const expected = { size, cutOff: size !== null && (await looksCutOff(path)) }
      const { size: bytes } = await stat(path)
      expect(await readPhotoHead(path), path).toEqual(expected)
      expect(await readPhotoHead(path, bytes), `${path} (size known)`).toEqual(expected)
    }
  })

  it('a missing file is unreadable, not an error', async () => {
    expect(await readPhotoHead('/nonexistent/photo.jpg', 10)).toEqual({ size: null, cutOff: false })
    expect(await readPhotoHead('/nonexistent/photo.jpg')).toEqual({ size: null, cutOff: false })
  })

  it('a small file hashed whole gives the same digest as one read in chunks', async () => {
    for (const path of await photos()) {
      const { size: bytes } = await stat(path)
      expect(await hashFile(path, bytes), path).toEqual(await hashFile(path))
    }
  })
})
