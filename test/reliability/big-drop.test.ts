import { mkdir, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import type { WorkspaceUpdate } from '@shared/domain/workspace'
import { createHandlers } from '../../src/main/ipc/handlers'
import { createRouter } from '../../src/main/ipc/router'
import { senderCheck } from '../../src/main/ipc/sender'
import type { Workspace } from '../../src/main/workspace/workspace'
import { TEST_APP_INFO } from '../helpers/app-info'
import { FakeDesktop } from '../helpers/fake-desktop'
import { makeJpeg } from '../helpers/images'
import { tempDir } from '../helpers/temp'
import { until } from '../helpers/until'
import { testWorkspace } from '../helpers/workspace'

const APP = 'app://photoscribe/index.html'
const FILES = 5_000
const NOT_PHOTOS = 25

let workspace: Workspace | undefined
afterEach(async () => workspace?.close())

/** 5,000 distinct JPEGs (one photo, a different trailer each) and 25 text files named .jpg. */
async function bigFolder(dir: string): Promise<string[]> {
  await mkdir(dir)
  const photo = await makeJpeg(160, 120, 90)
  const paths: string[] = []
  for (let i = 0; i < FILES; i++) {
    const path = join(dir, `SKU-${String(i).padStart(5, '0')}.jpg`)
    // Bytes after the JPEG's end marker: decoders ignore them, the hash differs.
    await writeFile(path, Buffer.concat([photo, Buffer.from(`photo ${i}`)]))
    paths.push(path)
  }
  for (let i = 0; i < NOT_PHOTOS; i++) {
    const path = join(dir, `notes-${i}.jpg`)
    await writeFile(path, `shopping list ${i}\n`)
    paths.push(path)
  }
  return paths
}

describe('5,000 files in one drop', () => {
  it('all land in the queue in a few batched updates, unreadable ones marked at once, and the estimate counts every photo', async () => {
    const root = await tempDir('big-drop')
    const paths = await bigFolder(join(root, 'drop'))
    const updates: WorkspaceUpdate[] = []
    let sent = 0
    workspace = testWorkspace(join(root, 'data'), {}, new FakeDesktop(), (update) => {
      sent++
      updates.push(update)
    })
    const router = createRouter(
      createHandlers({ appInfo: () => TEST_APP_INFO, workspace }),
      senderCheck(APP),
      { checkOutputs: true }
    )
    const answer = (await router.handle('queue:add', APP, { paths })) as {
      ok: boolean
      data: { added: number }
    }
    expect(answer).toMatchObject({ ok: true, data: { added: FILES + NOT_PHOTOS } })

    const rows = new Map<string, { status: string; name: string; code?: string; reason?: string }>()
    let estimate: { photos: number; measured: number; unreadable: number } | undefined
    await until(() => {
      for (const update of updates.splice(0))
        for (const patch of update.patches ?? []) {
          for (const row of patch.rows ?? []) rows.set(row.id, row)
          estimate = patch.estimate ?? estimate
        }
      return estimate !== undefined && estimate.measured >= FILES + NOT_PHOTOS
    }, 60_000)
    expect(rows.size).toBe(FILES + NOT_PHOTOS)
    expect(estimate).toMatchObject({
      photos: FILES,
      measured: FILES + NOT_PHOTOS,
      unreadable: NOT_PHOTOS
    })
    // The 25 text files are marked in the queue as soon as their header fails (each then fails
    // alone at Run, with the exact reason: test/reliability/hostile-input.test.ts).
    const unreadable = [...rows.values()].filter((row) => row.status === 'failed')
    expect(unreadable.map((row) => row.name).sort()).toEqual(
      Array.from({ length: NOT_PHOTOS }, (_, i) => `notes-${i}.jpg`).sort()
    )
    for (const row of unreadable) expect(row).toMatchObject({ code: 'unreadable' })
    expect(unreadable[0].reason).toMatch(/doesn't look like an image/)
    expect([...rows.values()].filter((row) => row.status === 'listed')).toHaveLength(FILES)
    // The window hears about the drop in batches (about ten a second), not once per file.
    expect(sent).toBeLessThan(300)
    // Adding reads headers only: nothing is written beside the photos.
    expect(await readdir(join(root, 'drop'))).toHaveLength(FILES + NOT_PHOTOS)
  }, 120_000)
})
