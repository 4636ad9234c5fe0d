import { open, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { photoVariables } from '../../../src/core/jobs/job-request'
import { readProductSheet } from '../../../src/core/templates/product-sheet'
import { testSettings } from '../../helpers/job-fixtures'
import { tempDir } from '../../helpers/temp'

describe('product sheets from outside', () => {
  it('a row keyed __proto__ or constructor is just a row', async () => {
    const path = join(await tempDir('sheet'), 'products.csv')
    await writeFile(
      path,
      'sku,brand,polluted\n__proto__,Evil,yes\nconstructor,Ctor,yes\nMUG-1,Acme,no\n'
    )
    const { context: sheet } = await readProductSheet(path)
    expect(({} as Record<string, unknown>).polluted).toBeUndefined()
    expect(Object.keys(sheet)).toContain('__proto__')
    expect(Object.getPrototypeOf(sheet)).toBeNull()
    // Stored in job.json and read back, the row is still there (a prototype would be dropped).
    expect(JSON.parse(JSON.stringify(sheet))['__proto__']).toEqual({
      brand: 'Evil',
      polluted: 'yes'
    })
    expect(sheet['mug-1']).toEqual({ brand: 'Acme', polluted: 'no' })
    const settings = testSettings([], { productContext: JSON.parse(JSON.stringify(sheet)) })
    const item = { id: 'p1', sha256: '', bytes: 0, status: 'pending' as const }
    expect(photoVariables({ ...item, paths: ['/shop/toString.jpg'] }, settings).brand).toBe('')
    expect(photoVariables({ ...item, paths: ['/shop/constructor.jpg'] }, settings).brand).toBe(
      'Ctor'
    )
  })

  it('an oversized sheet is refused before it is parsed', async () => {
    const path = join(await tempDir('sheet'), 'huge.csv')
    const file = await open(path, 'w')
    await file.truncate(60 * 1024 * 1024)
    await file.close()
    await expect(readProductSheet(path)).rejects.toThrow(
      'The sheet is 60 MB; Photoscribe reads sheets up to 50 MB.'
    )
  })
})
