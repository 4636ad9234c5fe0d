import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importEdits } from '../../../src/core/export/import-edits'
import { writeShopFiles } from '../../../src/core/export/shop/write-shop'
import { createJob } from '../../../src/core/jobs/job-store'
import { Journal } from '../../../src/core/jobs/journal'
import { loadJob } from '../../../src/core/jobs/job-store'
import { findTemplate } from '../../../src/core/templates/builtins'
import { testSettings } from '../../helpers/job-fixtures'
import { answeredEvents } from '../../helpers/answered'
import { tempDir } from '../../helpers/temp'

const NAMES = ['TSHIRT-01_front.jpg', 'TSHIRT-01_back.jpg', 'MUG-02.jpg', 'MUG-02 side.jpg']
const FIELDS = findTemplate('listing-pack')!.fields

/** A stored job of four answered photos (two products), as the CLI would leave it. */
async function storedJob() {
  const root = await tempDir('shop-round-trip')
  const photos = join(root, 'photos')
  await mkdir(photos)
  const settings = testSettings([photos], {
    templateId: 'listing-pack',
    skuPattern: '^([A-Z]+-[0-9]+)'
  })
  const job = await createJob(join(root, 'data'), settings)
  const journal = await Journal.open(job.journalPath)
  const events = NAMES.flatMap((name, i) =>
    answeredEvents(`p${i}`, join(photos, name), {
      title: `Title ${name}`,
      meta_description: `Description of ${name}`,
      alt_text: `Alt ${name}`,
      tags: ['a', 'b']
    })
  )
  await journal.append(...events)
  await journal.close()
  return { root, job: await loadJob(join(root, 'data'), job.id) }
}

const choice = {
  groupBy: 'sku' as const,
  approvedOnly: false,
  imageUrlBase: 'https://cdn.example.com/p/'
}

describe('import-edits reads back the shop files it wrote', () => {
  it.each([
    ['shopify', 'shop.csv', 'Title ', 'SEO description'],
    ['shopify-legacy', 'legacy.csv', 'Title ', 'SEO Description'],
    ['woocommerce', 'woo.csv', 'Title ', 'Short description'],
    ['merchant', 'feed.tsv', 'trained_algorithmic_media:"Title ', 'structured_description']
  ] as const)(
    '%s: an edited title and description go back into the product’s lead photo; untouched rows change nothing',
    async (format, file, titleStart, descriptionColumn) => {
      const { root, job } = await storedJob()
      const path = join(root, file)
      await writeShopFiles(path, format, job.state, job.settings, choice)
      const unchanged = await importEdits(job, path, FIELDS)
      expect(unchanged).toMatchObject({ updated: 0, unchanged: 2, unmatched: [] })

      const text = await readFile(path, 'utf8')
      const edited = text
        .replace(
          `${titleStart}TSHIRT-01_front.jpg`,
          `${titleStart.slice(0, -6)}Sand linen tee in sand`
        )
        .replace(
          descriptionColumn.startsWith('structured')
            ? 'trained_algorithmic_media:"Description of MUG-02.jpg"'
            : 'Description of MUG-02.jpg',
          descriptionColumn.startsWith('structured')
            ? 'trained_algorithmic_media:"A stoneware mug of 350 ml"'
            : 'A stoneware mug of 350 ml'
        )
      await writeFile(path, edited)
      const result = await importEdits(job, path, FIELDS)
      expect(result.unmatched).toEqual([])
      expect(result.updated).toBe(2)
      const fields = (id: string) => job.state.items.get(id)!.result!.fields!
      expect(fields('p0').title).toBe('Sand linen tee in sand')
      expect(fields('p0').edited).toBeUndefined()
      expect(fields('p2').meta_description).toBe('A stoneware mug of 350 ml')
      // The other photos of the products keep their own answers.
      expect(fields('p1').title).toBe('Title TSHIRT-01_back.jpg')
      expect(job.state.items.get('p0')!.result!.edited).toBe(true)
      // Journaled: a reload shows the edits.
      const reloaded = await loadJob(job.dir.replace(/\/jobs\/[^/]+$/, ''), job.id)
      expect(reloaded.state.items.get('p0')!.result!.fields!.title).toBe('Sand linen tee in sand')
    }
  )

  it('shopify: an image row’s alt text goes to that photo, found by its URL', async () => {
    const { root, job } = await storedJob()
    const path = join(root, 'shop.csv')
    await writeShopFiles(path, 'shopify', job.state, job.settings, choice)
    const text = await readFile(path, 'utf8')
    await writeFile(
      path,
      text.replace('Alt MUG-02 side.jpg', 'The mug from the side with its handle left')
    )
    const result = await importEdits(job, path, FIELDS)
    expect(result.updated).toBe(1)
    expect(job.state.items.get('p3')!.result!.fields!.alt_text).toBe(
      'The mug from the side with its handle left'
    )
  })

  it('rows for products the job does not have are listed, not guessed', async () => {
    const { root, job } = await storedJob()
    const path = join(root, 'woo.csv')
    await writeShopFiles(path, 'woocommerce', job.state, job.settings, choice)
    await writeFile(path, (await readFile(path, 'utf8')).replace('MUG-02', 'LAMP-09'))
    const result = await importEdits(job, path, FIELDS)
    expect(result.unmatched).toEqual(['LAMP-09'])
  })
})
