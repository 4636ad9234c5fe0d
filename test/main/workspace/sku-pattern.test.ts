import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { attachSheet } from '../../../src/main/workspace/actions'
import type { Workspace } from '../../../src/main/workspace/workspace'
import { JobService } from '../../../src/core'
import { makeJpeg } from '../../helpers/images'
import { testSettings } from '../../helpers/job-fixtures'
import { tempDir } from '../../helpers/temp'
import { until } from '../../helpers/until'
import { testWorkspace } from '../../helpers/workspace'

let ws: Workspace | undefined
afterEach(async () => {
  await ws?.close()
  ws = undefined
})

const NAMES = ['SHOE-01_front.jpg', 'SHOE-01_side.jpg', 'BAG-7_front.jpg', 'IMG_0012.jpg']

/** Four photos named like a shop's, and a sheet with rows for two SKUs. */
async function shopFolder(): Promise<{ photos: string; sheet: string; dataDir: string }> {
  const root = await tempDir('sku')
  const photos = join(root, 'photos')
  await mkdir(photos)
  for (const [i, name] of NAMES.entries())
    await writeFile(join(photos, name), await makeJpeg(100 + i, 80, i * 40))
  const sheet = join(root, 'products.csv')
  await writeFile(sheet, 'sku,brand\nSHOE-01,Acme\nBAG-7,Bolt\n')
  return { photos, sheet, dataDir: join(root, 'data') }
}

describe('the SKU pattern beside the product sheet', () => {
  it('previews what matched and what did not, live as the pattern changes; null clears it', async () => {
    const { photos, sheet, dataDir } = await shopFolder()
    ws = testWorkspace(dataDir, {})
    const draft = ws.ensureDraft()
    await draft.add([photos])
    await until(() => ws!.estimate(draft)?.measured === 4)
    await attachSheet(ws, sheet)
    expect(ws.estimate(draft)!.sheet).toMatchObject({ matched: 0, products: 4 })
    const shown = ws.setOptions(draft, { skuPattern: '^([^_]+)_' })!.sheet!
    expect(shown).toMatchObject({ matched: 3, unmatched: ['IMG_0012.jpg'], products: 3 })
    expect(ws.setOptions(draft, { skuPattern: null })!.sheet!.matched).toBe(0)
    expect(draft.options.skuPattern).toBeUndefined()
  })

  it('refuses a pattern that makes one product of every photo, with the counts; the old one stays', async () => {
    const { photos, dataDir } = await shopFolder()
    ws = testWorkspace(dataDir, {})
    const draft = ws.ensureDraft()
    await draft.add([photos])
    ws.setOptions(draft, { skuPattern: '^([^_]+)_' })
    let refused: unknown
    try {
      ws.setOptions(draft, { skuPattern: '(\\.jpg)$' })
    } catch (error) {
      refused = error
    }
    expect(refused).toMatchObject({
      problem: { code: 'skuOneProduct', params: { n: 4, sku: '.jpg' } }
    })
    expect(draft.options.skuPattern).toBe('^([^_]+)_')
  })

  it('the engine refuses the same pattern when a job is created (the CLI’s door), writing nothing', async () => {
    const { photos, dataDir } = await shopFolder()
    const service = new JobService(dataDir)
    const creating = service.create(testSettings([photos], { skuPattern: '(\\.jpg)$' }))
    await expect(creating).rejects.toMatchObject({
      field: 'skuPattern',
      problem: { code: 'skuOneProduct', params: { n: 4 } }
    })
    expect(await service.list()).toEqual([])
  })

  it('refuses a pattern that matches none of the photos, with the count, in the window and the engine', async () => {
    const { photos, dataDir } = await shopFolder()
    ws = testWorkspace(dataDir, {})
    const draft = ws.ensureDraft()
    await draft.add([photos])
    expect(() => ws!.setOptions(draft, { skuPattern: '^(SKU-[0-9]+)' })).toThrow()
    try {
      ws.setOptions(draft, { skuPattern: '^(SKU-[0-9]+)' })
    } catch (error) {
      expect(error).toMatchObject({ problem: { code: 'skuNoMatch', params: { n: 4 } } })
    }
    expect(draft.options.skuPattern).toBeUndefined()
    const creating = new JobService(dataDir).create(
      testSettings([photos], { skuPattern: '^(SKU-[0-9]+)' })
    )
    await expect(creating).rejects.toMatchObject({ problem: { code: 'skuNoMatch' } })
  })
})

describe('one request per product, chosen in the window', () => {
  it('previews the products and requests as the grouping and the pattern change, and the estimate counts requests', async () => {
    const { photos, dataDir } = await shopFolder()
    ws = testWorkspace(dataDir, {})
    const draft = ws.ensureDraft()
    await draft.add([photos])
    ws.setOptions(draft, { templateId: 'listing-pack' })
    await until(() => ws!.estimate(draft)?.measured === 4)
    const alone = ws.estimate(draft)!
    expect(alone.grouping).toBeUndefined()
    const bySku = ws.setOptions(draft, { groupBy: 'sku', skuPattern: '^([^_]+)_' })!
    expect(bySku.grouping).toMatchObject({
      by: 'sku',
      products: 3,
      requests: 3,
      largest: [{ key: 'SHOE-01', photos: 2 }, { photos: 1 }, { photos: 1 }]
    })
    // The instructions are paid once per product: three requests cost less than four.
    expect(bySku.costStandard!).toBeLessThan(alone.costStandard!)
    expect(ws.setOptions(draft, { groupBy: 'folder' })!.grouping).toMatchObject({
      products: 1,
      requests: 1
    })
    expect(ws.setOptions(draft, { groupBy: 'none' })!.grouping).toBeUndefined()
  })
})
