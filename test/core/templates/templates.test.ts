import { join } from 'node:path'
import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { findModel } from '@shared/models/catalog'
import { resultRows } from '../../../src/core/export/rows'
import { writeResults } from '../../../src/core/export/write-results'
import { photoVariables } from '../../../src/core/jobs/job-request'
import { readJournal } from '../../../src/core/jobs/journal'
import { loadJob } from '../../../src/core/jobs/job-store'
import { newJob } from '../../../src/core/jobs/new-job'
import { JobRun } from '../../../src/core/jobs/run-job'
import { createOpenAITransport } from '../../../src/core/openai/transport'
import { systemClock } from '../../../src/core/scheduler/clock'
import { BUILTIN_TEMPLATES, findTemplate } from '../../../src/core/templates/builtins'
import { buildRequest } from '../../../src/core/templates/build-request'
import { brokenRule } from '../../../src/core/templates/rules'
import { startSimulator, type Simulator } from '../../../src/simulator/server'
import type { SimulatorOverrides } from '../../../src/simulator/options'

/** Every answer shorter than its fields ask: the meta description breaks its 120-character floor. */
const SHORT_ANSWERS: SimulatorOverrides = { answerFaults: { short: 1 } }
import { photoFolder, testSettings } from '../../helpers/job-fixtures'
import { tempDir } from '../../helpers/temp'

let sim: Simulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

async function runTemplate(
  templateId: string,
  photos = 3,
  overrides: SimulatorOverrides = {}
): Promise<{ dataDir: string; jobId: string }> {
  sim = await startSimulator(overrides)
  const folder = await photoFolder(photos)
  const job = await newJob(folder.dataDir, testSettings([folder.photos], { templateId }))
  const run = new JobRun(job, {
    dataDir: folder.dataDir,
    transport: createOpenAITransport({ baseURL: sim.url }, new Map([['k', 'sk-t']])),
    keys: [{ id: 'k', label: 'k', rpm: 6000, tpm: 1e7 }],
    clock: systemClock
  })
  expect(await run.run()).toEqual({ status: 'completed' })
  return { dataDir: folder.dataDir, jobId: job.id }
}

describe('field rules', () => {
  const listing = findTemplate('listing-pack')!
  it('says which rule broke, in words', () => {
    const ok = {
      title: 'Blue ceramic mug for coffee lovers',
      meta_description: 'x'.repeat(130),
      alt_text: 'A blue mug on a table',
      tags: Array(8).fill('mug')
    }
    expect(brokenRule(listing, ok)).toBeNull()
    expect(brokenRule(listing, { ...ok, meta_description: 'x'.repeat(171) })).toBe(
      'Meta description: Too long (171 of 155 characters)'
    )
    expect(brokenRule(listing, { ...ok, tags: ['mug'] })).toBe('Tags: Needs 8 entries (got 1)')
    expect(brokenRule(listing, { ...ok, title: undefined })).toBe('Product title: Missing')
    const strict = {
      ...listing,
      fields: [
        { ...listing.fields[0], rules: { requiredWords: ['organic'], bannedWords: ['cheap'] } }
      ]
    }
    expect(brokenRule(strict, { title: 'Cheap organic mug' })).toBe('Must not use “cheap”')
    expect(brokenRule(strict, { title: 'Blue mug' })).toBe('Must mention “organic”')
  })
})

describe('requests from templates', () => {
  const model = findModel('gpt-4o')
  it('asks multi-field templates for a strict JSON schema, and JSON mode with instructions elsewhere', () => {
    const attributes = findTemplate('attributes')!
    const strict = buildRequest(
      attributes,
      { language: 'Deutsch' },
      { dataUrl: 'data:image/jpeg;base64,', detail: 'low' },
      model,
      'gpt-4o'
    )
    const format = strict.body.response_format as {
      type: string
      json_schema: {
        strict: boolean
        schema: { required: string[]; additionalProperties: boolean }
      }
    }
    expect(format.type).toBe('json_schema')
    expect(format.json_schema.strict).toBe(true)
    expect(format.json_schema.schema).toMatchObject({
      additionalProperties: false,
      required: ['category', 'color', 'material', 'style', 'pattern', 'audience']
    })
    const jsonMode = buildRequest(
      attributes,
      { language: 'Deutsch' },
      { dataUrl: '', detail: 'low' },
      model,
      'gpt-4o',
      'json_object'
    )
    expect(jsonMode.body.response_format).toEqual({ type: 'json_object' })
    expect(jsonMode.texts[1][0]).toContain('"material": a string')
    expect(strict.texts[1][0]).toContain('Write in Deutsch.')
  })

  it('fills variables from the file and the product sheet', () => {
    const item = {
      id: 'p1',
      sha256: '',
      bytes: 0,
      paths: ['/shop/mugs/SKU-123.jpg'],
      status: 'pending' as const
    }
    const settings = testSettings([], {
      productContext: {
        'sku-123': { brand: 'Acme', keywords: 'coffee mug, stoneware', material: 'stoneware' }
      }
    })
    const variables = photoVariables(item, settings)
    expect(variables).toMatchObject({
      filename: 'SKU-123.jpg',
      folder: 'mugs',
      sku: 'SKU-123',
      brand: 'Acme',
      keywords: 'coffee mug, stoneware'
    })
    const built = buildRequest(
      findTemplate('product-title')!,
      variables,
      { dataUrl: '', detail: 'low' },
      model,
      'gpt-4o'
    )
    // The photo's own notes come after the photo, so every photo's request starts the same
    // (the prompt cache serves that prefix); the instructions before it hold none of them.
    const notes =
      'The brand is Acme. Put “coffee mug” in the title and the description. Use these keywords where they fit naturally: coffee mug, stoneware. Product facts: material: stoneware.'
    expect(built.texts[1]).toEqual([expect.not.stringContaining('Acme'), notes])
    const content = (built.body.messages[1] as { content: { type: string; text?: string }[] })
      .content
    expect(content.map((part) => part.type)).toEqual(['text', 'image_url', 'text'])
    expect(content[2].text).toBe(notes)
  })

  it('takes {sku} from a file-name pattern and finds the product row by it', () => {
    const item = {
      id: 'p1',
      sha256: '',
      bytes: 0,
      paths: ['/shop/AB-1234_front_v2.jpg'],
      status: 'pending' as const
    }
    const settings = testSettings([], {
      skuPattern: '^([A-Z]+-\\d+)_',
      productContext: { 'ab-1234': { brand: 'Acme' } }
    })
    expect(photoVariables(item, settings)).toMatchObject({ sku: 'AB-1234', brand: 'Acme' })
  })

  it('ships the six built-ins', () => {
    expect(BUILTIN_TEMPLATES.map((t) => t.id)).toEqual([
      'seo-meta',
      'alt-text',
      'product-title',
      'tags',
      'attributes',
      'listing-pack'
    ])
  })
})

describe('templates against the simulator', () => {
  it('a strict-schema template yields one column per field', async () => {
    const { dataDir, jobId } = await runTemplate('attributes')
    const state = (await loadJob(dataDir, jobId)).state
    const path = join(await tempDir('attr'), 'attributes.xlsx')
    await writeResults(path, resultRows(state), findTemplate('attributes')!.fields)
    const book = new ExcelJS.Workbook()
    await book.xlsx.readFile(path)
    const sheet = book.getWorksheet('Copy')!
    const headers = (sheet.getRow(1).values as string[]).slice(1)
    expect(headers.filter((h) => !h.endsWith('(characters)')).slice(2, 8)).toEqual([
      'Category',
      'Color',
      'Material',
      'Style',
      'Pattern',
      'Audience'
    ])
    expect(sheet.getRow(2).getCell(3).value).toMatch(/^category for photo [0-9a-f]{6}$/)
    expect(sheet.getRow(2).getCell(headers.indexOf('Status') + 1).value).toBe('done')
  })

  it('re-asks an answer that breaks a length rule once, then flags it for review', async () => {
    const { dataDir, jobId } = await runTemplate('listing-pack', 2, SHORT_ANSWERS)
    const items = [...(await loadJob(dataDir, jobId)).state.items.values()]
    for (const item of items) {
      expect(item.status).toBe('done')
      expect(item.result?.review).toMatch(
        /^Meta description: Too short \(\d+ of at least 120 characters\)$/
      )
    }
    // Two photos, each asked twice: the re-ask carries the answer and the broken rule, not the photo.
    const chats = sim!.log.entries.filter((e) => e.outcome === 'answer:short')
    expect(chats).toHaveLength(4)
    const [withPhoto, textOnly] = [
      chats.filter((e) => e.images!.length > 0),
      chats.filter((e) => e.images!.length === 0)
    ]
    expect(new Set(withPhoto.map((e) => e.images![0].sha256)).size).toBe(2)
    expect(textOnly).toHaveLength(2)
    // Each answer is paid for, first and re-asked: the kept result carries both.
    const paid = chats.reduce((sum, e) => sum + e.promptTokens! + e.completionTokens!, 0)
    const kept = items.reduce(
      (sum, i) => sum + i.result!.promptTokens + i.result!.completionTokens,
      0
    )
    expect(kept).toBe(paid)
  })

  it('journals the rule-breaking answer (needs review) before the re-ask goes out', async () => {
    const { dataDir, jobId } = await runTemplate('listing-pack', 1, SHORT_ANSWERS)
    const { events } = await readJournal((await loadJob(dataDir, jobId)).journalPath)
    const done = events.filter((e) => e.e === 'done')
    expect(done).toHaveLength(2)
    expect(done[0].result.review).toMatch(/^Meta description: Too short/)
    expect(done[1].result.costUsd).toBeGreaterThan(done[0].result.costUsd)
  })
})
