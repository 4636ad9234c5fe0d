import { createHash } from 'node:crypto'
import { mkdir, readFile, readdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { ExifTool } from 'exiftool-vendored'
import sharp from 'sharp'
import { afterAll, describe, expect, it } from 'vitest'
import { cliSimulator, runInProcess } from '../helpers/cli'
import { makeJpeg } from '../helpers/images'
import { tempDir } from '../helpers/temp'

const simulator = cliSimulator()
const exiftool = new ExifTool({ maxProcs: 1 })
afterAll(() => exiftool.end())

async function photos(n: number): Promise<{ dir: string; root: string }> {
  const root = await tempDir('studio-batch')
  const dir = join(root, 'photos')
  await mkdir(dir, { recursive: true })
  for (let i = 0; i < n; i++)
    await writeFile(join(dir, `BAG-${i}.jpg`), await makeJpeg(260 + i, 200, (i * 29) % 255))
  // The same bytes twice: one line, one image, for both.
  await writeFile(join(dir, 'BAG-0-copy.jpg'), await makeJpeg(260, 200, 0))
  return { dir, root }
}

describe('photoscribe edit --batch', () => {
  it('sends the photos as one batch of image edits at half the price, then collects them into outputs with nothing sent live, nothing billed twice', async () => {
    const sim = await simulator.use({ batch: { stepMs: 150 }, defaultKey: { ipm: 600 } })
    const { dir, root } = await photos(6)
    const out = join(root, 'out')
    const args = ['edit', dir, '--recipe', 'white-background', '--out-dir', out, '--quality', 'low']
    const flags = ['--batch', '--data-dir', join(root, 'data')]

    const dry = await runInProcess([...args, '--dry-run', '--batch'])
    const costs = [...dry.out[0].matchAll(/\$([\d.]+)/g)].map((m) => Number(m[1]))
    const [live, batch] = [costs[0], costs.at(-1)!]
    expect(dry.out[0]).toMatch(/Batch \(--batch\): ≈ \$[\d.]+ within 24 h$/)
    expect(batch).toBeCloseTo(live / 2, 2)

    const first = await runInProcess([...args, ...flags])
    expect(first.code).toBe(3)
    expect(first.out.join('\n')).toMatch(/Sent 6 photos in 1 batch \(batch_sim\d+\)/)
    const uploads = sim.log.entries.filter((e) => e.path === '/v1/files')
    expect(uploads).toHaveLength(1)
    // A second run while the batch runs: it says where the batch stands and sends nothing new.
    const waiting = await runInProcess([...args, ...flags])
    expect(waiting.code).toBe(3)
    expect(waiting.out.join('\n')).toMatch(
      /Batch batch_sim\d+: (validating|in_progress|finalizing)/
    )
    expect(sim.log.entries.filter((e) => e.path === '/v1/files')).toHaveLength(1)

    // Run again every 200 ms, as a person would later, until the batch is home.
    let done = waiting
    for (let tries = 0; done.code !== 0 && tries < 50; tries++) {
      await new Promise((resolve) => setTimeout(resolve, 200))
      done = await runInProcess([...args, ...flags])
    }
    expect(done.out.join('\n')).toMatch(
      /Collected 6 images from finished batches \(\$[\d.]+ at the Batch price\); 0 failed/
    )
    expect(done.out.at(-1)).toMatch(/^0 made · 7 from the cache \(nothing sent\)/)
    const made = (await readdir(out)).filter((n) => n.endsWith('.white-background.jpg'))
    expect(made).toHaveLength(7)
    expect(sim.log.entries.filter((e) => e.path === '/v1/images/edits')).toHaveLength(0)
    expect(
      sim.log.entries.filter((e) => e.path === '/v1/batches' && e.method === 'POST')
    ).toHaveLength(1)

    // Everything is in the cache now: another run sends nothing at all.
    const before = sim.log.entries.length
    const again = await runInProcess([...args, ...flags])
    expect(again.code).toBe(0)
    expect(sim.log.entries.slice(before).map((e) => e.path)).toEqual([])
  })
})

describe('photoscribe edit --group-by', () => {
  it('makes one image per product with all its photos sent together (lead first), named after the lead', async () => {
    const sim = await simulator.use({ defaultKey: { ipm: 600 } })
    const root = await tempDir('studio-products')
    for (const product of ['MUG-1', 'LAMP-2'])
      for (const [i, view] of ['back', 'front', 'side'].entries()) {
        await mkdir(join(root, 'photos', product), { recursive: true })
        await writeFile(
          join(root, 'photos', product, `${product}-${view}.jpg`),
          await makeJpeg(200 + i, 150, product.length * 20 + i * 40)
        )
      }
    const out = join(root, 'out')
    const args = ['edit', join(root, 'photos'), '--recipe', 'lifestyle', '--out-dir', out]
    const flags = [
      '--group-by',
      'folder',
      '--quality',
      'low',
      '--ipm',
      '600',
      '--data-dir',
      join(root, 'data')
    ]
    const first = await runInProcess([...args, ...flags])
    expect(first.code).toBe(0)
    expect(first.out[0]).toMatch(/^2 products · recipe lifestyle/)
    const edits = sim.log.entries.filter((e) => e.path === '/v1/images/edits')
    expect(edits).toHaveLength(2)
    expect(edits.map((e) => e.images?.length)).toEqual([3, 3])
    // The lead ("front") goes first, the others follow as references.
    const sha = async (path: string) =>
      createHash('sha256')
        .update(await readFile(path))
        .digest('hex')
    const fronts = await Promise.all(
      ['MUG-1', 'LAMP-2'].map((p) => sha(join(root, 'photos', p, `${p}-front.jpg`)))
    )
    expect(edits.map((e) => e.images![0].sha256).sort()).toEqual(fronts.sort())
    const names = (await readdir(out, { recursive: true })).filter((n) => n.endsWith('.jpg')).sort()
    expect(names).toEqual(['LAMP-2/LAMP-2-front.lifestyle.jpg', 'MUG-1/MUG-1-front.lifestyle.jpg'])
    const again = await runInProcess([...args, ...flags])
    expect(again.out.at(-1)).toMatch(/^0 made · 2 from the cache/)
    expect(sim.log.entries.filter((e) => e.path === '/v1/images/edits')).toHaveLength(2)
    const wrong = await runInProcess([
      ...args,
      '--group-by',
      'colour',
      '--data-dir',
      join(root, 'data')
    ])
    expect(wrong.code).toBe(2)
    expect(wrong.err).toMatch(/--group-by: use sku or folder; got "colour"/)
  })
})

describe('photoscribe edit: images from words, and masks', () => {
  it('makes a banner background per product name from words alone (one request per name), marked wholly machine-made; --batch refused', async () => {
    const sim = await simulator.use({ defaultKey: { ipm: 600 } })
    const root = await tempDir('studio-generate')
    const dir = join(root, 'photos')
    await mkdir(dir, { recursive: true })
    for (const [i, name] of ['red-mug_front.jpg', 'red-mug_back.jpg', 'desk-lamp.jpg'].entries())
      await writeFile(join(dir, name), await makeJpeg(200, 150, i * 70))
    const out = join(root, 'out')
    const args = [
      'edit',
      dir,
      '--recipe',
      'banner-background',
      '--out-dir',
      out,
      '--quality',
      'low'
    ]
    const flags = ['--ipm', '600', '--data-dir', join(root, 'data')]
    const refused = await runInProcess([...args, ...flags, '--batch'])
    expect(refused.code).toBe(2)
    expect(refused.err).toMatch(/--batch: recipes made from words alone go live only/)
    const run = await runInProcess([...args, ...flags])
    expect(run.code).toBe(0)
    const asked = sim.log.entries.filter((e) => e.path === '/v1/images/generations')
    expect(asked.map((e) => e.prompt).sort()).toEqual([
      expect.stringContaining('suits desk lamp,'),
      expect.stringContaining('suits red mug,')
    ])
    expect(sim.log.entries.filter((e) => e.path === '/v1/images/edits')).toHaveLength(0)
    const made = (await readdir(out)).sort()
    expect(made).toEqual([
      'desk-lamp.banner-background.jpg',
      'red-mug_back.banner-background.jpg',
      'red-mug_front.banner-background.jpg'
    ])
    const tags = (await exiftool.read(join(out, made[0]))) as Record<string, unknown>
    expect(String(tags.DigitalSourceType)).toMatch(/\/trainedAlgorithmicMedia$/)
  })

  it('sends a photo’s mask beside it (never as a photo of its own), and a new mask makes a new image', async () => {
    const sim = await simulator.use({ defaultKey: { ipm: 600 } })
    const root = await tempDir('studio-mask')
    const dir = join(root, 'photos')
    await mkdir(dir, { recursive: true })
    await writeFile(join(dir, 'chair.jpg'), await makeJpeg(200, 150, 10))
    await writeFile(join(dir, 'stool.jpg'), await makeJpeg(200, 150, 90))
    const mask = (alpha: number) =>
      sharp({
        create: { width: 200, height: 150, channels: 4, background: { r: 0, g: 0, b: 0, alpha } }
      })
        .png()
        .toBuffer()
    await writeFile(join(dir, 'chair.mask.png'), await mask(0))
    const out = join(root, 'out')
    const args = ['edit', dir, '--recipe', 'lifestyle', '--out-dir', out, '--quality', 'low']
    const flags = ['--ipm', '600', '--data-dir', join(root, 'data')]
    const first = await runInProcess([...args, ...flags])
    expect(first.out[0]).toMatch(/^2 photos/)
    const edits = () => sim.log.entries.filter((e) => e.path === '/v1/images/edits')
    expect(
      edits()
        .map((e) => Boolean(e.masked))
        .sort()
    ).toEqual([false, true])
    await writeFile(join(dir, 'chair.mask.png'), await mask(0.5))
    const second = await runInProcess([...args, ...flags])
    expect(second.out.at(-1)).toMatch(/^1 made · 1 from the cache/)
    expect(edits()).toHaveLength(3)
  })
})
