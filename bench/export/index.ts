import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createJob } from '../../src/core/jobs/job-store'
import { Journal } from '../../src/core/jobs/journal'
import type { JournalEvent } from '../../src/core/jobs/journal-events'
import { makeJpegFile } from './photo'
import { ROOT, spawnChild } from '../cli-process'
import { benchSettings } from '../models/learning'

/** What each format is measured against (the issue's targets; photo copies have none). */
const FORMATS = [
  { format: 'xlsx', out: 'results.xlsx', seconds: 120, mb: 400 },
  { format: 'csv', out: 'results.csv', seconds: 20 },
  { format: 'shopify', out: 'shopify.csv', seconds: 20 },
  { format: 'shopify-legacy', out: 'shopify-legacy.csv', seconds: 20 },
  { format: 'woocommerce', out: 'woo.csv', seconds: 20 },
  { format: 'merchant', out: 'merchant.tsv', seconds: 20 }
] as const

/**
 * `npm run bench -- export [photos] [photosPerProduct] [copies]`: a finished listing-pack job of
 * 100,000 photos as 25,000 products (SKU in the file name), exported to every format, each in its
 * own process so its time and peak memory are its own; then `copies` photos (default 200) written
 * with their alt text inside, to give the rate of `--format photos`.
 */
export async function benchExport(args: string[], print: (line: string) => void): Promise<void> {
  const photos = Number(args[0] ?? 100_000)
  const perProduct = Number(args[1] ?? 4)
  const copies = Number(args[2] ?? 200)
  const root = await mkdtemp(join(tmpdir(), 'photoscribe-bench-export-'))
  try {
    const dataDir = join(root, 'data')
    const jobId = await finishedJob(dataDir, join(root, 'photos'), photos, perProduct, copies)
    print(
      `${photos.toLocaleString('en')} photos as ${(photos / perProduct).toLocaleString('en')} products, listing pack, every answer approved:`
    )
    print('| format | export time | target | peak memory (process) | target | file size |')
    print('|---|---|---|---|---|---|')
    const base = await measure(dataDir, jobId, 'none', join(root, 'none'))
    print(`| (loading the job, no export) | — | — | ${base.peakMb.toFixed(0)} MB | — | — |`)
    for (const { format, out, seconds, ...target } of FORMATS) {
      const path = join(root, out)
      const m = await measure(dataDir, jobId, format, path)
      const mb = 'mb' in target ? target.mb : null
      const size = (await stat(path)).size / 1024 / 1024
      print(
        `| ${format} | ${(m.exportMs / 1000).toFixed(1)} s | < ${seconds} s ${m.exportMs / 1000 < seconds ? '✓' : '✗'} | ${m.peakMb.toFixed(0)} MB | ${mb ? `< ${mb} MB ${m.peakMb < mb ? '✓' : '✗'}` : '—'} | ${size.toFixed(1)} MB |`
      )
    }
    const m = await measure(dataDir, jobId, 'photos', join(root, 'with-alt'), copies)
    print(
      `| photos (${copies} copies) | ${(m.exportMs / 1000).toFixed(1)} s (${(m.exportMs / copies).toFixed(0)} ms a photo) | — | ${m.peakMb.toFixed(0)} MB | — | — |`
    )
  } finally {
    await rm(root, { recursive: true, force: true })
  }
}

/** A job whose photos all have an approved listing-pack answer (the first `real` photos exist). */
export async function finishedJob(
  dataDir: string,
  folder: string,
  photos: number,
  perProduct: number,
  real: number
): Promise<string> {
  await mkdir(folder, { recursive: true })
  const settings = benchSettings([folder], {
    templateId: 'listing-pack',
    model: 'gpt-6-luna',
    skuPattern: '^(SKU-[0-9]+)_'
  })
  const job = await createJob(dataDir, settings)
  const journal = await Journal.open(job.journalPath)
  const views = ['front', 'back', 'side', 'detail', 'top', 'label']
  for (let start = 0; start < photos; start += 5000) {
    const events: JournalEvent[] = []
    for (let i = start; i < Math.min(photos, start + 5000); i++) {
      const product = Math.floor(i / perProduct)
      const name = `SKU-${String(product).padStart(6, '0')}_${views[(i % perProduct) % views.length]}.jpg`
      const path = join(folder, name)
      if (i < real) await writeFile(path, await makeJpegFile(i))
      events.push(...answered(`p${i}`, path, product, i))
    }
    await journal.append(...events)
  }
  await journal.close()
  return job.id
}

function answered(id: string, path: string, product: number, i: number): JournalEvent[] {
  return [
    { e: 'added', id, sha256: `h${i}`, bytes: 1, paths: [path] },
    {
      e: 'done',
      id,
      at: 1,
      result: {
        text: '',
        fields: {
          title: `Linen shirt ${product} in sand, relaxed fit with shell buttons`,
          meta_description: `A relaxed linen shirt (${product}) in warm sand, cut loose through the body with shell buttons and a soft collar, made for long summer days.`,
          alt_text: `Sand linen shirt ${product}, view ${i % 4}, on a white background`,
          tags: ['linen', 'shirt', 'summer', 'sand', 'relaxed', 'casual', 'menswear', 'natural']
        },
        model: 'gpt-6-luna',
        costUsd: 0.00005,
        promptTokens: 300,
        completionTokens: 120,
        latencyMs: 900,
        finishReason: 'stop',
        fromCache: false
      }
    },
    { e: 'verdict', id, at: 2, verdict: 'approved' }
  ]
}

/** One export in a child process: its time (loading the job not counted) and its peak RSS. */
export async function measure(
  dataDir: string,
  jobId: string,
  format: string,
  out: string,
  limit?: number
): Promise<{ exportMs: number; peakMb: number }> {
  const { child, exited } = spawnChild(
    [
      '--import',
      'tsx',
      join(ROOT, 'bench/export/worker.ts'),
      dataDir,
      jobId,
      format,
      out,
      String(limit ?? 0)
    ],
    { TSX_TSCONFIG_PATH: join(ROOT, 'tsconfig.node.json') }
  )
  let text = ''
  child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()))
  const code = await exited
  if (code !== 0) throw new Error(`export ${format} exited ${code}: ${text}`)
  return JSON.parse(text.trim().split('\n').at(-1)!) as { exportMs: number; peakMb: number }
}
