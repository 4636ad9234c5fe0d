import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { photoFolder } from '../../helpers/job-fixtures'
import { until } from '../../helpers/until'
import { testWorkspace } from '../../helpers/workspace'
import type { Workspace } from '../../../src/main/workspace/workspace'
import { removeRows } from '../../../src/main/workspace/actions'

let ws: Workspace | undefined
afterEach(async () => {
  await ws?.close()
  ws = undefined
})

describe('a photo cut off part-way, before it is sent', () => {
  it('its row and the estimate warn; removing it leaves the others and clears the warning', async () => {
    const { photos, dataDir } = await photoFolder(3)
    // A real photo whose copy stopped at two thirds: its header reads, its scan ends early.
    const bytes = await readFile(join(__dirname, '../../fixtures/images/flowers.jpeg'))
    await writeFile(join(photos, 'IMG_0001.jpg'), bytes.subarray(0, (bytes.length * 2) / 3))
    ws = testWorkspace(dataDir, {})
    const draft = ws.ensureDraft()
    await draft.add([photos])
    await until(() => ws!.estimate(draft)?.measured === 3)
    const warned = draft.rows().filter((row) => row.warning === 'cutOff')
    expect(warned.map((row) => row.name)).toEqual(['IMG_0001.jpg'])
    expect(ws.estimate(draft)).toMatchObject({ photos: 3, cutOff: 1 })
    expect(await removeRows(ws, [warned[0].id])).toBe(1)
    expect(ws.estimate(draft)!.cutOff).toBeUndefined()
    expect(ws.estimate(draft)!.photos).toBe(2)
  })
})
