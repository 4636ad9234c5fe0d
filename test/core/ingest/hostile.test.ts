import { execFileSync } from 'node:child_process'
import { mkdir, open, symlink, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { ingest } from '../../../src/core/ingest/ingest'
import { makeJpeg } from '../../helpers/images'
import { tempDir } from '../../helpers/temp'

const reasonFor = (
  rejected: { path: string; reason: string }[],
  name: string
): string | undefined => rejected.find((r) => r.path.endsWith(name))?.reason

describe('ingest refuses what it must not read, in bounded time', () => {
  it('a FIFO, a link to /dev/zero, a 20 GB file and a link out of the folder: each refused with a reason', async () => {
    const root = await tempDir('hostile')
    const chosen = join(root, 'chosen')
    const outside = join(root, 'outside')
    await mkdir(chosen)
    await mkdir(outside)
    await writeFile(join(chosen, 'ok.jpg'), await makeJpeg(20, 20))
    execFileSync('mkfifo', [join(chosen, 'pipe.jpg')])
    await symlink('/dev/zero', join(chosen, 'zero.jpg'))
    const huge = await open(join(chosen, 'huge.jpg'), 'w')
    await huge.truncate(20 * 1024 ** 3) // sparse: 20 GB that take no disk
    await huge.close()
    await writeFile(join(outside, 'private.jpg'), await makeJpeg(21, 21))
    await symlink(join(outside, 'private.jpg'), join(chosen, 'link-out.jpg'))
    await symlink(join(chosen, 'ok.jpg'), join(chosen, 'link-in.jpg'))
    const started = Date.now()
    const result = await ingest([chosen])
    expect(Date.now() - started).toBeLessThan(2000)
    expect(result.photos).toHaveLength(1)
    expect(result.photos[0].paths.map((p) => p.split('/').pop()).sort()).toEqual([
      'link-in.jpg',
      'ok.jpg'
    ])
    expect(reasonFor(result.rejected, 'pipe.jpg')).toBe(
      'This is not a regular file (a pipe, socket or device), so it was not read.'
    )
    expect(reasonFor(result.rejected, 'zero.jpg')).toBe(
      'This is a link to a file outside the folders you chose, so it was not read.'
    )
    expect(reasonFor(result.rejected, 'link-out.jpg')).toContain('outside the folders you chose')
    expect(reasonFor(result.rejected, 'huge.jpg')).toBe(
      'This file is 20.0 GB, over the 200 MB limit for one photo; it was not read.'
    )
  })

  it('a device named directly is refused too', async () => {
    const root = await tempDir('device')
    await symlink('/dev/zero', join(root, 'direct.jpg'))
    const result = await ingest([join(root, 'direct.jpg')])
    expect(result.photos).toHaveLength(0)
    expect(reasonFor(result.rejected, 'direct.jpg')).toContain('not a regular file')
  })
})
