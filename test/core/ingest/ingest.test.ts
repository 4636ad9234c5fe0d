import { mkdir, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ingest } from '../../../src/core/ingest/ingest'
import { makeJpeg } from '../../helpers/images'
import { tempDir } from '../../helpers/temp'

describe('ingest', () => {
  it('walks folders recursively, skips hidden/system/non-image files, survives a symlink loop', async () => {
    const root = await tempDir('ingest')
    await mkdir(join(root, 'shoes', 'summer'), { recursive: true })
    await writeFile(join(root, 'shoes', 'a.jpg'), await makeJpeg(20, 20, 10))
    await writeFile(join(root, 'shoes', 'summer', 'b.PNG'), await makeJpeg(21, 20, 20))
    await writeFile(join(root, 'shoes', '.c.jpg'), await makeJpeg(22, 20, 30))
    await writeFile(join(root, 'shoes', 'Thumbs.db'), 'x')
    await writeFile(join(root, 'shoes', 'notes.txt'), 'x')
    await symlink(join(root, 'shoes'), join(root, 'shoes', 'summer', 'loop'))
    const found = await ingest([root])
    expect(
      found.photos
        .flatMap((p) => p.paths)
        .map((p) => p.slice(root.length))
        .sort()
    ).toEqual(['/shoes/a.jpg', '/shoes/summer/b.PNG'])
    expect(found.skipped).toBe(3)
    expect(found.rejected).toEqual([])
  })

  it('turns unsupported and missing inputs into rejected files with reasons, and groups duplicates', async () => {
    const root = await tempDir('ingest')
    const bytes = await makeJpeg(30, 30)
    await writeFile(join(root, 'one.jpg'), bytes)
    await writeFile(join(root, 'two.jpg'), bytes)
    await writeFile(join(root, 'phone.HEIC'), 'x')
    const found = await ingest([root, join(root, 'gone.jpg')])
    expect(found.photos).toHaveLength(1)
    expect(found.photos[0].paths).toHaveLength(2)
    expect(found.rejected.map((r) => r.reason)).toEqual([
      expect.stringContaining('HEIC photos'),
      'This file or folder no longer exists.'
    ])
  })
})
