import OpenAI, { toFile } from 'openai'
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/simulator/server'
import type { SimulatorOverrides } from '../../src/simulator/options'
import { dataUrl, makeJpeg } from '../helpers/images'
import { chatBody, manualClock } from '../helpers/sim-client'

let sim: Simulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

const STEP = 1000

async function setup(
  overrides: SimulatorOverrides = {}
): Promise<{ client: OpenAI; advance: (ms: number) => void }> {
  const clock = manualClock()
  sim = await startSimulator({
    now: clock.now,
    ...overrides,
    batch: { stepMs: STEP, ...overrides.batch }
  })
  return {
    client: new OpenAI({ apiKey: 'sk-batch', baseURL: sim.url, maxRetries: 0 }),
    advance: clock.advance
  }
}

async function inputFile(client: OpenAI, count: number): Promise<string> {
  const lines = []
  for (let i = 0; i < count; i++) {
    const body = chatBody([dataUrl(await makeJpeg(40 + i, 40))], {}, 'low')
    lines.push(
      JSON.stringify({ custom_id: `item-${i}`, method: 'POST', url: '/v1/chat/completions', body })
    )
  }
  const file = await client.files.create({
    file: await toFile(Buffer.from(lines.join('\n')), 'input.jsonl'),
    purpose: 'batch'
  })
  return file.id
}

const customIds = (text: string): string[] =>
  text
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { custom_id: string }).custom_id)

describe('simulator: files and batches', () => {
  it('stores an uploaded file and serves its content back', async () => {
    const { client } = await setup()
    const file = await client.files.create({
      file: await toFile(Buffer.from('hello\n'), 'a.jsonl'),
      purpose: 'batch'
    })
    expect(file).toMatchObject({ object: 'file', bytes: 6, filename: 'a.jsonl', purpose: 'batch' })
    expect(await (await client.files.content(file.id)).text()).toBe('hello\n')
    expect((await client.files.retrieve(file.id)).id).toBe(file.id)
  })

  it('goes validating → in_progress → finalizing → completed, with every line answered once, out of order', async () => {
    const { client, advance } = await setup()
    const batch = await client.batches.create({
      input_file_id: await inputFile(client, 12),
      endpoint: '/v1/chat/completions',
      completion_window: '24h'
    })
    const statuses = [batch.status]
    for (let i = 0; i < 3; i++) {
      advance(STEP)
      statuses.push((await client.batches.retrieve(batch.id)).status)
    }
    expect(statuses).toEqual(['validating', 'in_progress', 'finalizing', 'completed'])
    const done = await client.batches.retrieve(batch.id)
    expect(done.request_counts).toEqual({ total: 12, completed: 12, failed: 0 })
    const ids = customIds(await (await client.files.content(done.output_file_id!)).text())
    expect([...ids].sort()).toEqual(Array.from({ length: 12 }, (_, i) => `item-${i}`).sort())
    expect(ids).not.toEqual(Array.from({ length: 12 }, (_, i) => `item-${i}`))
  })

  it('puts failed lines in the error file', async () => {
    const { client, advance } = await setup({ batch: { failRate: 0.5 }, seed: 3 })
    const batch = await client.batches.create({
      input_file_id: await inputFile(client, 10),
      endpoint: '/v1/chat/completions',
      completion_window: '24h'
    })
    advance(3 * STEP)
    const done = await client.batches.retrieve(batch.id)
    expect(done.request_counts!.failed).toBeGreaterThan(0)
    const failed = customIds(await (await client.files.content(done.error_file_id!)).text())
    const answered = customIds(await (await client.files.content(done.output_file_id!)).text())
    expect(failed.length + answered.length).toBe(10)
    expect(failed.filter((id) => answered.includes(id))).toEqual([])
  })

  it('expires with partial results when asked to', async () => {
    const { client, advance } = await setup({ batch: { expire: true } })
    const batch = await client.batches.create({
      input_file_id: await inputFile(client, 6),
      endpoint: '/v1/chat/completions',
      completion_window: '24h'
    })
    advance(2 * STEP)
    const expired = await client.batches.retrieve(batch.id)
    expect(expired.status).toBe('expired')
    expect(expired.request_counts).toEqual({ total: 6, completed: 3, failed: 3 })
    const errors = (await (await client.files.content(expired.error_file_id!)).text())
      .trim()
      .split('\n')
    expect(JSON.parse(errors[0]).error.code).toBe('batch_expired')
  })

  it('cancels through cancelling to cancelled, and lists batches newest first', async () => {
    const { client, advance } = await setup()
    const first = await client.batches.create({
      input_file_id: await inputFile(client, 2),
      endpoint: '/v1/chat/completions',
      completion_window: '24h'
    })
    const second = await client.batches.create({
      input_file_id: await inputFile(client, 2),
      endpoint: '/v1/chat/completions',
      completion_window: '24h'
    })
    expect((await client.batches.cancel(first.id)).status).toBe('cancelling')
    advance(STEP)
    expect((await client.batches.retrieve(first.id)).status).toBe('cancelled')
    const page = await client.batches.list({ limit: 10 })
    expect(page.data.map((b) => b.id)).toEqual([second.id, first.id])
  })

  it('fails a batch whose input has duplicate custom_ids', async () => {
    const { client, advance } = await setup()
    const line = JSON.stringify({
      custom_id: 'same',
      method: 'POST',
      url: '/v1/chat/completions',
      body: chatBody([])
    })
    const file = await client.files.create({
      file: await toFile(Buffer.from(`${line}\n${line}\n`), 'dup.jsonl'),
      purpose: 'batch'
    })
    const batch = await client.batches.create({
      input_file_id: file.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h'
    })
    advance(STEP)
    const failed = await client.batches.retrieve(batch.id)
    expect(failed.status).toBe('failed')
    expect(failed.errors?.data?.[0]).toMatchObject({
      line: 2,
      message: "Duplicate custom_id 'same'."
    })
  })
})
