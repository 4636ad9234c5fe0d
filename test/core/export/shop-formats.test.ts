import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { parseCsv, parseTsv } from '../../../src/core/files/read-table'
import { foldJournal } from '../../../src/core/jobs/job-state'
import { writeShopFiles, type ShopChoice } from '../../../src/core/export/shop/write-shop'
import type { ShopFormat } from '../../../src/core/export/shop/formats'
import { testSettings } from '../../helpers/job-fixtures'
import { answeredEvents } from '../../helpers/answered'
import { tempDir } from '../../helpers/temp'

/** A platform's published column list, kept in test/fixtures/shop with its source. */
function published(name: string): string[] {
  return readFileSync(join(__dirname, '../../fixtures/shop', name), 'utf8')
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
}

const PHOTOS = [
  'TSHIRT-01_back.jpg',
  'TSHIRT-01_front.jpg',
  'MUG-02.jpg',
  'MUG-02_side.jpg',
  'LAMP-03 large.jpg'
]
const ROOT = '/shop/photos'

/** A job whose five photos were answered (listing pack), every answer approved. */
function answeredJob(fields: (name: string) => Record<string, unknown> = listingFields) {
  const events = PHOTOS.flatMap((name, i) =>
    answeredEvents(`p${i}`, `${ROOT}/${name}`, fields(name), 'approved')
  )
  const settings = testSettings([ROOT], {
    templateId: 'listing-pack',
    skuPattern: '^([A-Z]+-[0-9]+)'
  })
  return { state: foldJournal(events), settings }
}

function listingFields(name: string): Record<string, unknown> {
  const product = name.split(/[_ .]/)[0]
  return {
    title: `${product} title`,
    meta_description: `About ${product}: <b>bold</b> & plain`,
    alt_text: `alt of ${name}`,
    tags: ['cotton', 'summer, sale']
  }
}

const CHOICE: ShopChoice = {
  groupBy: 'sku',
  approvedOnly: true,
  imageUrlBase: 'https://cdn.example.com/p/'
}

async function written(format: ShopFormat, choice: ShopChoice = CHOICE, job = answeredJob()) {
  const ext = format === 'merchant' ? 'tsv' : 'csv'
  const path = join(await tempDir('shop'), `${format}.${ext}`)
  const result = await writeShopFiles(path, format, job.state, job.settings, choice)
  const text = await readFile(path, 'utf8')
  const [header, ...rows] = format === 'merchant' ? parseTsv(text) : parseCsv(text)
  const records = rows.map((row) => Object.fromEntries(header.map((h, i) => [h, row[i]])))
  return { path, result, text, header, records }
}

/** Whether `columns` are all in `list`, in the list's order. */
function inOrderOf(columns: string[], list: string[]): boolean {
  const at = columns.map((c) => list.indexOf(c))
  return at.every((n, i) => n >= 0 && (i === 0 || n > at[i - 1]))
}

describe('shop files from a job', () => {
  it('shopify: one product row per SKU, then a row per further photo with only the image columns; every column is Shopify’s, in its order', async () => {
    const { header, records, result } = await written('shopify')
    expect(inOrderOf(header, published('shopify-columns.txt'))).toBe(true)
    expect(result).toMatchObject({ products: 3, photos: 5, withoutUrl: [], collisions: [] })
    expect(records.map((r) => [r['URL handle'], r.Title, r['Image position']])).toEqual([
      ['tshirt-01-title', 'TSHIRT-01 title', '1'],
      ['tshirt-01-title', '', '2'],
      ['mug-02-title', 'MUG-02 title', '1'],
      ['mug-02-title', '', '2'],
      ['lamp-03-title', 'LAMP-03 title', '1']
    ])
    // The front photo leads; each photo keeps its own alt text; URLs are encoded.
    expect(records[0]['Product image URL']).toBe('https://cdn.example.com/p/TSHIRT-01_front.jpg')
    expect(records[0]['Image alt text']).toBe('alt of TSHIRT-01_front.jpg')
    expect(records[1]['Image alt text']).toBe('alt of TSHIRT-01_back.jpg')
    expect(records[4]['Product image URL']).toBe('https://cdn.example.com/p/LAMP-03%20large.jpg')
    // Model text is escaped into the HTML description; the product is a draft.
    expect(records[0].Description).toBe(
      '<p>About TSHIRT-01: &lt;b&gt;bold&lt;/b&gt; &amp; plain</p>'
    )
    expect(records[0]).toMatchObject({
      SKU: 'TSHIRT-01',
      Status: 'draft',
      Tags: 'cotton, summer, sale'
    })
    expect(records[1]).toMatchObject({ SKU: '', Description: '', Status: '' })
  })

  it('shopify-legacy: the older column names, in their order', async () => {
    const { header, records } = await written('shopify-legacy')
    expect(inOrderOf(header, published('shopify-legacy-columns.txt'))).toBe(true)
    expect(records.filter((r) => r.Title)).toHaveLength(3)
    expect(records[0]).toMatchObject({ Handle: 'tshirt-01-title', 'Variant SKU': 'TSHIRT-01' })
  })

  it('woocommerce: one row per product, its photos’ URLs comma-separated with the front first, tags’ own commas escaped', async () => {
    const { header, records } = await written('woocommerce', { ...CHOICE, seoPlugin: 'yoast' })
    const columns = published('woocommerce-columns.txt')
    expect(header.filter((h) => !h.startsWith('Meta: ')).every((h) => columns.includes(h))).toBe(
      true
    )
    expect(header).toContain('Meta: _yoast_wpseo_metadesc')
    expect(records).toHaveLength(3)
    expect(records[0]).toMatchObject({
      SKU: 'TSHIRT-01',
      Name: 'TSHIRT-01 title',
      Published: 'false',
      Images:
        'https://cdn.example.com/p/TSHIRT-01_front.jpg, https://cdn.example.com/p/TSHIRT-01_back.jpg',
      Tags: 'cotton, summer\\, sale'
    })
  })

  it('merchant: a supplemental feed by id, the machine-written text marked as such, one line per product', async () => {
    const { header, records, text } = await written('merchant', {
      ...CHOICE,
      productUrl: 'https://shop.example.com/products/{handle}'
    })
    const attributes = published('merchant-attributes.txt')
    expect(header.every((h) => attributes.includes(h))).toBe(true)
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(4)
    expect(records[2]).toMatchObject({
      id: 'LAMP-03',
      structured_title: 'trained_algorithmic_media:"LAMP-03 title"',
      link: 'https://shop.example.com/products/lamp-03-title',
      image_link: 'https://cdn.example.com/p/LAMP-03%20large.jpg',
      additional_image_link: ''
    })
    expect(records[1].additional_image_link).toBe('https://cdn.example.com/p/MUG-02_side.jpg')
  })

  it('without an image URL base the URL columns stay empty and every photo is listed, none dropped', async () => {
    const { records, result } = await written('shopify', { ...CHOICE, imageUrlBase: undefined })
    expect(records).toHaveLength(5)
    expect(records.every((r) => r['Product image URL'] === '')).toBe(true)
    expect(result.withoutUrl.map((p) => p.split('/').at(-1)).sort()).toEqual([...PHOTOS].sort())
  })

  it('two products with the same title get distinct handles, and the collision is reported', async () => {
    const job = answeredJob((name) => ({ ...listingFields(name), title: 'Same title' }))
    const { records, result } = await written('shopify', CHOICE, job)
    const handles = [...new Set(records.map((r) => r['URL handle']))]
    expect(handles).toEqual(['same-title', 'same-title-2', 'same-title-3'])
    expect(result.collisions).toEqual([{ handle: 'same-title', skus: ['MUG-02', 'LAMP-03'] }])
  })

  it('text too long for a column is flagged with its length, never cut', async () => {
    const long = 'x'.repeat(151)
    const job = answeredJob((name) => ({ ...listingFields(name), title: long }))
    const { records, result } = await written('merchant', CHOICE, job)
    expect(records[0].structured_title).toBe(`trained_algorithmic_media:"${long}"`)
    expect(result.tooLong).toContainEqual({
      sku: 'TSHIRT-01',
      column: 'structured_title',
      length: 151,
      limit: 150
    })
  })

  it('model text that would run as a formula stays text: a space before it in Shopify’s file, WooCommerce’s own apostrophe', async () => {
    const job = answeredJob((name) => ({ ...listingFields(name), title: '=HYPERLINK("x")' }))
    const shopify = await written('shopify', CHOICE, job)
    expect(shopify.records[0].Title).toBe(' =HYPERLINK("x")')
    const woo = await written('woocommerce', CHOICE, job)
    expect(woo.records[0].Name).toBe(`'=HYPERLINK("x")`)
  })

  it('one file per language: the first at the path asked for, each other beside it', async () => {
    const job = answeredJob((name) => {
      const base = listingFields(name)
      return Object.fromEntries(
        Object.entries(base).flatMap(([k, v]) => [
          [`${k}_en`, v],
          [`${k}_es`, typeof v === 'string' ? `${v} (es)` : v]
        ])
      )
    })
    job.settings.moreLanguages = ['Español']
    const { result, records } = await written('shopify', CHOICE, job)
    expect(result.files.map((f) => f.split('/').at(-1))).toEqual(['shopify.csv', 'shopify.es.csv'])
    expect(records[0].Title).toBe('TSHIRT-01 title')
    const spanish = parseCsv(await readFile(result.files[1], 'utf8'))
    expect(spanish[1][0]).toBe('TSHIRT-01 title (es)')
  })

  it('groups by folder, or not at all', async () => {
    const byFolder = await written('woocommerce', { ...CHOICE, groupBy: 'folder' })
    expect(byFolder.records.map((r) => r.SKU)).toEqual(['photos'])
    const none = await written('woocommerce', { ...CHOICE, groupBy: 'none' })
    expect(none.records).toHaveLength(5)
  })
})
