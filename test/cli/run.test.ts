import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliSimulator, runArgs, runInProcess } from '../helpers/cli'
import { chatRequests } from '../helpers/sim'
import { photoFolder } from '../helpers/job-fixtures'

const simulator = cliSimulator()
const useSimulator = simulator.use

const events = (lines: string[]): Record<string, unknown>[] =>
  lines.map((l) => JSON.parse(l) as Record<string, unknown>)

describe('photoscribe run', () => {
  it('runs a model without published limits from its family’s lowest tier, saying so', async () => {
    const { photos, dataDir } = await photoFolder(3)
    const sim = await useSimulator()
    const args = ['run', photos, '--out', join(dataDir, 'r.json'), '--data-dir', dataDir]
    const run = await runInProcess([...args, '--model', 'gpt-5'])
    expect(run.code).toBe(0)
    expect(run.out[0]).toBe(
      'Starting at 500 requests/min and 200,000 tokens/min, the lowest published tier-1 limits of gpt-5-mini, gpt-5-nano: none are published for gpt-5. Photoscribe corrects them from the server’s rate-limit headers as it runs (or set --rpm and --tpm).'
    )
    expect(chatRequests(sim).filter((e) => e.status === 200)).toHaveLength(3)
  })

  it('runs a folder, prints the job id first, writes one row per photo, exits 0', async () => {
    const { photos, dataDir } = await photoFolder(5)
    await useSimulator()
    const out = join(dataDir, 'results.json')
    const { code, out: lines } = await runInProcess(runArgs(photos, out, dataDir, '--json'))
    expect(code).toBe(0)
    const parsed = events(lines)
    expect(parsed[0]).toMatchObject({
      event: 'job',
      jobId: expect.stringMatching(/^\d{8}-\d{6}-[0-9a-f]{4}$/),
      dataDir
    })
    expect(parsed.at(-1)).toMatchObject({
      event: 'summary',
      outcome: { status: 'completed' },
      done: 5,
      failed: 0
    })
    const rows = JSON.parse(await readFile(out, 'utf8')) as {
      file: string
      status: string
      fields: { meta_description: string }
    }[]
    expect(rows.map((r) => r.file)).toEqual([
      'IMG_0000.jpg',
      'IMG_0001.jpg',
      'IMG_0002.jpg',
      'IMG_0003.jpg',
      'IMG_0004.jpg'
    ])
    expect(rows.every((r) => r.status === 'done' && r.fields.meta_description.length >= 120)).toBe(
      true
    )
  })

  it('explains how to set a key, or to use --demo, and exits 2', async () => {
    const { photos, dataDir } = await photoFolder(1)
    const { code, err } = await runInProcess([
      'run',
      photos,
      '--out',
      join(dataDir, 'r.json'),
      '--data-dir',
      dataDir
    ])
    expect(code).toBe(2)
    expect(err).toContain('set OPENAI_API_KEY')
    expect(err).toContain('--demo')
  })

  it('refuses malformed flags with exit 2, naming the flag', async () => {
    const { photos, dataDir } = await photoFolder(2)
    await useSimulator()
    const detail = await runInProcess([
      'run',
      photos,
      '--out',
      join(dataDir, 'r.json'),
      '--detail',
      'medium',
      '--data-dir',
      dataDir
    ])
    expect([detail.code, detail.err]).toEqual([
      2,
      'photoscribe: --detail takes low, high or auto; got "medium".'
    ])
    const unpriced = await runInProcess([
      ...runArgs(photos, join(dataDir, 'r.json'), dataDir),
      '--model',
      'llava:13b',
      '--budget',
      '5'
    ])
    const sku = await runInProcess([
      ...runArgs(photos, join(dataDir, 'r.json'), dataDir),
      '--sku-pattern',
      '^\\w+_'
    ])
    expect([sku.code, sku.err]).toEqual([
      2,
      'photoscribe: --sku-pattern needs a capturing group, e.g. "^(\\w+)_".'
    ])
    // A pattern that makes one product of every photo (IMG_0000.jpg, IMG_0001.jpg, … → "IMG").
    const oneProduct = await runInProcess([
      ...runArgs(photos, join(dataDir, 'r.json'), dataDir),
      '--sku-pattern',
      '^([A-Z]+)_'
    ])
    expect(oneProduct.code).toBe(2)
    expect(oneProduct.err).toMatch(
      /^photoscribe: --sku-pattern: The SKU pattern puts all \d+ photos into one product \(“IMG”\)/
    )
    expect(unpriced.code).toBe(2)
    expect(unpriced.err).toContain('--budget: there is no price for "llava:13b"')
    expect(unpriced.err).toContain('--price-input and --price-output')
    expect((await runInProcess(['run', photos, '--data-dir', dataDir])).err).toContain(
      '--out is required'
    )
  })

  it('--dry-run prints cost at standard and Batch prices, duration and the binding limit; sends nothing', async () => {
    const { photos, dataDir } = await photoFolder(4)
    await useSimulator()
    const { code, out } = await runInProcess([
      'run',
      photos,
      '--dry-run',
      '--model',
      'gpt-4o',
      '--detail',
      'high',
      '--data-dir',
      dataDir
    ])
    expect(code).toBe(0)
    expect(out[0]).toMatch(/^4 photos · [\d,]+ prompt tokens/)
    expect(out[1]).toMatch(
      /^▸ Live: ≈ \$\d+\.\d+, ≈ \d+ s at your limits \((requests|tokens)\/min binds\)$/
    )
    expect(out[2]).toMatch(/^ {2}Batch API: ≈ \$\d+\.\d+ · 1 file · within 24 h/)
    expect(simulator.current().log.entries).toHaveLength(0)
  })

  it('stops on quota with exit 3, and --resume with a new key finishes it (exit 0)', async () => {
    const { photos, dataDir } = await photoFolder(6)
    await useSimulator({ keys: { 'sk-poor-1': { quotaAfter: 2 }, 'sk-rich-2': {} } }, 'sk-poor-1')
    const out = join(dataDir, 'r.json')
    const first = await runInProcess(runArgs(photos, out, dataDir, '--json'))
    expect(first.code).toBe(3)
    const jobId = events(first.out)[0].jobId as string
    expect(events(first.out).at(-1)).toMatchObject({
      outcome: { status: 'stopped', kind: 'quota' },
      done: 2
    })
    process.env.OPENAI_API_KEY = 'sk-rich-2'
    const second = await runInProcess([
      'run',
      '--resume',
      jobId,
      '--out',
      out,
      '--json',
      '--data-dir',
      dataDir
    ])
    expect(second.code).toBe(0)
    expect(events(second.out).at(-1)).toMatchObject({ done: 6, pending: 0 })
    expect([...simulator.current().log.answersByImage().values()].every((n) => n === 1)).toBe(true)
  })

  it('exits 1 when some photos failed, listing them with reasons', async () => {
    const { photos, dataDir } = await photoFolder(2)
    const { writeFile } = await import('node:fs/promises')
    await writeFile(join(photos, 'broken.jpg'), 'definitely not a jpeg')
    await useSimulator()
    const { code, out } = await runInProcess(runArgs(photos, join(dataDir, 'r.json'), dataDir))
    expect(code).toBe(1)
    expect(out.find((l) => l.includes('broken.jpg'))).toMatch(
      /✗ .*broken\.jpg: This file is not an image Photoscribe can read/
    )
  })
})
