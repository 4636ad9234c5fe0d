import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliSimulator, runArgs, runInProcess } from '../helpers/cli'
import { makeJpeg } from '../helpers/images'
import { tempDir } from '../helpers/temp'

const simulator = cliSimulator()

const NAMES = ['TSHIRT-01_front', 'TSHIRT-01_back', 'MUG-02', 'MUG-02_side', 'LAMP-03']

/** The five photos of three products, each a different colour. */
async function products(): Promise<{ photos: string; dataDir: string }> {
  const root = await tempDir('shop-cli')
  const photos = join(root, 'photos')
  await mkdir(photos)
  for (const [i, name] of NAMES.entries())
    await writeFile(join(photos, `${name}.jpg`), await makeJpeg(200 + i * 10, 160, i * 40))
  return { photos, dataDir: join(root, 'data') }
}

const SHOP = [
  '--template',
  'listing-pack',
  '--group-by',
  'sku',
  '--sku-pattern',
  '^([A-Z]+-[0-9]+)',
  '--image-url-base',
  'https://cdn.example.com/p/'
]

const lines = (text: string): string[] => text.split('\r\n').filter(Boolean)
const chats = () =>
  simulator.current().log.entries.filter((e) => e.path.endsWith('/chat/completions')).length

describe('photoscribe run --format shopify | woocommerce | merchant', () => {
  it('writes one listing per product with every photo, its alt text and URL; then WooCommerce and Merchant Center from the same job', async () => {
    await simulator.use()
    const { photos, dataDir } = await products()
    const out = join(dataDir, 'shopify.csv')
    const run = await runInProcess([
      ...runArgs(photos, out, dataDir, ...SHOP),
      '--format',
      'shopify'
    ])
    expect(run.err).toBe('')
    expect(run.code).toBe(0)
    expect(run.out.join('\n')).toContain('3 products, 5 photos')
    const shopify = lines(await readFile(out, 'utf8'))
    expect(shopify).toHaveLength(6)
    expect(shopify[0]).toMatch(/^Title,URL handle,Description,/)
    // A product row per SKU, each photo a row with its URL and its own alt text.
    for (const name of NAMES)
      expect(shopify.some((l) => l.includes(`https://cdn.example.com/p/${name}.jpg`))).toBe(true)
    expect(shopify.filter((l) => /,draft,/.test(l))).toHaveLength(3)
    // One request per product: three requests, two of them carrying both photos of their product.
    const sentImages = simulator
      .current()
      .log.entries.filter((e) => e.path.endsWith('/chat/completions') && e.status === 200)
      .map((e) => e.images?.length)
    expect(sentImages.sort()).toEqual([1, 2, 2])
    expect(chats()).toBe(3)
    // Each photo keeps its own alt text from its product's one answer.
    const altOf = (name: string): string | undefined =>
      shopify.find((l) => l.includes(`/${name}.jpg`))?.split(',').at(-3)
    expect(altOf('TSHIRT-01_front')).toBeTruthy()
    expect(altOf('TSHIRT-01_front')).not.toBe(altOf('TSHIRT-01_back'))
    const job = /^Job (\S+)/m.exec(run.out.join('\n'))?.[1]
    expect(job).toBeTruthy()

    // The same job, as WooCommerce's and Merchant Center's files: nothing is sent again.
    const sent = chats()
    const woo = join(dataDir, 'woo.csv')
    const again = await runInProcess([
      ...runArgs(photos, woo, dataDir, ...SHOP),
      '--resume',
      job!,
      '--format',
      'woocommerce'
    ])
    expect(again.code).toBe(0)
    expect(lines(await readFile(woo, 'utf8'))).toHaveLength(4)
    const feed = join(dataDir, 'merchant.tsv')
    const merchant = await runInProcess([
      ...runArgs(photos, feed, dataDir, ...SHOP),
      '--resume',
      job!,
      '--format',
      'merchant'
    ])
    expect(merchant.code).toBe(0)
    const tsv = lines(await readFile(feed, 'utf8'))
    expect(tsv[0]).toBe(
      'id\tstructured_title\tstructured_description\timage_link\tadditional_image_link'
    )
    expect(
      tsv
        .slice(1)
        .map((l) => l.split('\t')[0])
        .sort()
    ).toEqual(['LAMP-03', 'MUG-02', 'TSHIRT-01'])
    expect(chats()).toBe(sent)
  })

  it('estimates a request per product in a dry run, and sends nothing', async () => {
    await simulator.use()
    const { photos, dataDir } = await products()
    const run = await runInProcess([
      ...runArgs(photos, join(dataDir, 'x.csv'), dataDir, ...SHOP),
      '--format',
      'shopify',
      '--dry-run'
    ])
    expect(run.code).toBe(0)
    expect(run.out[0]).toMatch(/^5 photos in 3 requests \(one per product\) · /)
    expect(chats()).toBe(0)
  })

  it('refuses a bad format, grouping or image URL base before anything is sent, naming the flag', async () => {
    const sim = await simulator.use()
    const { photos, dataDir } = await products()
    const out = join(dataDir, 'x.csv')
    const cases: [string[], RegExp][] = [
      [['--format', 'ebay'], /--format: use one of shopify/],
      [['--format', 'shopify', '--group-by', 'colour'], /--group-by: use sku, folder or none/],
      [
        ['--format', 'shopify', '--image-url-base', 'cdn.example.com/p'],
        /--image-url-base: .*https:\/\//
      ],
      [
        ['--format', 'merchant', '--product-url', 'https://u:p@shop.example.com/{handle}'],
        /--product-url: /
      ]
    ]
    for (const [flags, words] of cases) {
      const run = await runInProcess([...runArgs(photos, out, dataDir), ...flags])
      expect(run.code).toBe(2)
      expect(run.err).toMatch(words)
    }
    const xlsx = await runInProcess([
      ...runArgs(photos, join(dataDir, 'x.xlsx'), dataDir),
      '--format',
      'shopify'
    ])
    expect(xlsx.err).toMatch(/a shopify file is text: name it \.csv/)
    expect(sim.log.entries).toHaveLength(0)
  })

  it('without --image-url-base says which columns are empty and why', async () => {
    await simulator.use()
    const { photos, dataDir } = await products()
    const out = join(dataDir, 'shop.csv')
    const run = await runInProcess([
      ...runArgs(
        photos,
        out,
        dataDir,
        '--template',
        'listing-pack',
        '--sku-pattern',
        '^([A-Z]+-[0-9]+)'
      ),
      '--format',
      'shopify'
    ])
    expect(run.code).toBe(0)
    expect(run.out.join('\n')).toMatch(/image URL columns are empty for 5 photos.*--image-url-base/)
  })
})

describe('photoscribe run --format photos', () => {
  it('copies every answered photo into the folder --out with their alt text inside, and refuses a file as --out', async () => {
    await simulator.use()
    const { photos, dataDir } = await products()
    const out = join(dataDir, 'with-alt')
    const run = await runInProcess([
      ...runArgs(photos, out, dataDir, '--template', 'listing-pack'),
      '--format',
      'photos'
    ])
    expect(run.err).toBe('')
    expect(run.code).toBe(0)
    expect(run.out.join('\n')).toContain(`5 photo copies with their alt text in ${out}`)
    expect((await readdir(out)).sort()).toEqual(NAMES.map((n) => `${n}.jpg`).sort())
    const file = join(dataDir, 'x.csv')
    await writeFile(file, 'x')
    const refused = await runInProcess([...runArgs(photos, file, dataDir), '--format', 'photos'])
    expect(refused.code).toBe(2)
    expect(refused.err).toMatch(/writes copies into a folder/)
  })
})
