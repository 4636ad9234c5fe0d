import { stat } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'
import { looksCutOff } from '../../../src/core/images/cut-off'
import { readPhotoHead, readPhotoSize } from '../../../src/core/images/photo-head'
import { hashFile } from '../../../src/core/images/hash-file'
import { fixturePhotoCopies } from '../../helpers/photo-copies'

/** Every fixture photo, plus a JPEG, PNG and WebP cut to two thirds (cut-off ones). */
async function photos(): Promise<string[]> {
  return (await fixturePhotoCopies('photoscribe-head-')).paths
}

describe('a dropped photo read once for its size and its ending', () => {
  it('says what the size read and the cut-off check said apart', async () => {
    for (const path of await photos()) {
      const size = await readPhotoSize(path)
      const expected = { size, cutOff: size !== null && (await looksCutOff(path)) }
      expect(await readPhotoHead(path), path).toEqual(expected)
    }
  })

  it('a missing file is unreadable, not an error', async () => {
    expect(await readPhotoHead('/nonexistent/photo.jpg')).toEqual({ size: null, cutOff: false })
  })

  it('a small file hashed whole gives the same digest as one read in chunks', async () => {
    for (const path of await photos()) {
      const { size: bytes } = await stat(path)
      expect(await hashFile(path, bytes), path).toEqual(await hashFile(path))
    }
  })
})
