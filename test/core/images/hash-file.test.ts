import { createHash, randomBytes } from 'node:crypto'
import { rm, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashFile } from '../../../src/core/images/hash-file'
import { tempDir } from '../../helpers/temp'

let dir: string
beforeAll(async () => {
  dir = await tempDir('hash')
})
afterAll(() => rm(dir, { recursive: true, force: true }))

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex')

describe('hashFile', () => {
  it('hashes files across chunk boundaries, many at once, with reused buffers', async () => {
    const sizes = [0, 1, 511, 512, 1024 * 1024 - 1, 1024 * 1024, 1024 * 1024 + 1, 3_500_017]
    const files = await Promise.all(
      [...sizes, ...sizes].map(async (size, index) => {
        const bytes = randomBytes(size)
        const path = join(dir, `file-${index}`)
        await writeFile(path, bytes)
        return { path, bytes }
      })
    )
    const digests = await Promise.all(files.map((file) => hashFile(file.path)))
    digests.forEach((digest, index) => {
      const { bytes } = files[index]!
      expect(digest.sha256).toBe(sha256(bytes))
      expect(digest.bytes).toBe(bytes.length)
      expect(digest.head.equals(bytes.subarray(0, 512))).toBe(true)
    })
  })

  it('fails with the system error code for a missing file or a folder', async () => {
    await expect(hashFile(join(dir, 'missing.jpg'))).rejects.toMatchObject({ code: 'ENOENT' })
    await expect(hashFile(dir)).rejects.toMatchObject({ code: 'EISDIR' })
  })

  it('hands back a file that fits in one chunk whole when asked, and only then', async () => {
    const sizes = [1, 200_000, 256 * 1024 - 1, 256 * 1024, 600_000]
    for (const [index, size] of sizes.entries()) {
      const bytes = randomBytes(size)
      const path = join(dir, `small-${index}`)
      await writeFile(path, bytes)
      const kept = await hashFile(path, undefined, true)
      expect(kept.sha256).toBe(sha256(bytes))
      if (size < 256 * 1024) expect(kept.data?.equals(bytes)).toBe(true)
      else expect(kept.data).toBeUndefined()
      expect((await hashFile(path)).data).toBeUndefined()
      expect((await hashFile(path, size, true)).data?.length).toBe(
        size <= 256 * 1024 ? size : undefined
      )
    }
  })
})
