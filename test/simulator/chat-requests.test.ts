import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import OpenAI from 'openai'
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/simulator/server'
import { dataUrl, makeJpeg } from '../helpers/images'
import { FIXTURE_DIR } from '../helpers/fixtures'
import { chatBody, post } from '../helpers/sim-client'

const FIXTURES = FIXTURE_DIR

let sim: Simulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

const errorOf = (body: Record<string, unknown>): { code: string; message: string } =>
  body.error as { code: string; message: string }

describe('simulator: invalid requests', () => {
  it('answers 400 invalid_image for bytes that are not an image', async () => {
    sim = await startSimulator()
    const { status, body } = await post(
      sim.url,
      '/chat/completions',
      chatBody([dataUrl(Buffer.from('not a jpeg at all'))])
    )
    expect(status).toBe(400)
    expect(errorOf(body).code).toBe('invalid_image')
  })

  it('answers 400 invalid_image_format for TIFF and AVIF, even when labelled as JPEG', async () => {
    sim = await startSimulator()
    const tiff = await readFile(join(FIXTURES, 'G31D.TIF'))
    const avif = await readFile(join(FIXTURES, 'pitm.avif'))
    for (const url of [dataUrl(tiff, 'image/tiff'), dataUrl(avif, 'image/jpeg')]) {
      const { status, body } = await post(sim.url, '/chat/completions', chatBody([url]))
      expect(status).toBe(400)
      expect(errorOf(body).code).toBe('invalid_image_format')
      expect(errorOf(body).message).toContain("['png', 'jpeg', 'gif', 'webp']")
    }
  })

  it('answers 400 for a corrupt JPEG fixture', async () => {
    sim = await startSimulator()
    const corrupt = await readFile(join(FIXTURES, 'corrupt-header.jpg'))
    expect((await post(sim.url, '/chat/completions', chatBody([dataUrl(corrupt)]))).status).toBe(
      400
    )
  })

  it('answers 404 model_not_found for an unknown model', async () => {
    sim = await startSimulator()
    const { status, body } = await post(
      sim.url,
      '/chat/completions',
      chatBody([], { model: 'gpt-9' })
    )
    expect(status).toBe(404)
    expect(errorOf(body).code).toBe('model_not_found')
  })

  it('refuses max_tokens and temperature ≠ 1 on reasoning models', async () => {
    sim = await startSimulator()
    const maxTokens = await post(sim.url, '/chat/completions', {
      ...chatBody([]),
      model: 'gpt-5-mini',
      max_completion_tokens: undefined,
      max_tokens: 50
    })
    expect(errorOf(maxTokens.body).code).toBe('unsupported_parameter')
    const temperature = await post(
      sim.url,
      '/chat/completions',
      chatBody([], { model: 'gpt-5-mini', temperature: 0.2 })
    )
    expect(errorOf(temperature.body).code).toBe('unsupported_value')
  })

  it('returns empty content with finish_reason length when reasoning eats the budget', async () => {
    sim = await startSimulator()
    const { body } = await post(
      sim.url,
      '/chat/completions',
      chatBody([], { model: 'gpt-5-mini', max_completion_tokens: 200, reasoning_effort: 'medium' })
    )
    const choice = (body.choices as { message: { content: string }; finish_reason: string }[])[0]
    expect(choice.finish_reason).toBe('length')
    expect(choice.message.content).toBe('')
    expect(
      (body.usage as { completion_tokens_details: { reasoning_tokens: number } })
        .completion_tokens_details.reasoning_tokens
    ).toBe(200)
  })
})

describe('simulator: structured outputs', () => {
  const schema = {
    type: 'object',
    additionalProperties: false,
    required: ['title', 'tags', 'color'],
    properties: {
      title: { type: 'string', minLength: 20, maxLength: 70 },
      tags: { type: 'array', items: { type: 'string' }, minItems: 5, maxItems: 5 },
      color: { type: 'string', enum: ['red', 'green', 'blue'] }
    }
  }

  it('answers an object that matches a strict json_schema', async () => {
    sim = await startSimulator()
    const format = { type: 'json_schema', json_schema: { name: 'listing', strict: true, schema } }
    const { body } = await post(
      sim.url,
      '/chat/completions',
      chatBody([dataUrl(await makeJpeg(64, 64))], { response_format: format })
    )
    const parsed = JSON.parse(
      (body.choices as { message: { content: string } }[])[0].message.content
    )
    expect(Object.keys(parsed)).toEqual(['title', 'tags', 'color'])
    expect(parsed.title.length).toBeGreaterThanOrEqual(20)
    expect(parsed.title.length).toBeLessThanOrEqual(70)
    expect(parsed.tags).toHaveLength(5)
    expect(['red', 'green', 'blue']).toContain(parsed.color)
  })

  it('refuses a strict schema without additionalProperties: false', async () => {
    sim = await startSimulator()
    const loose = { ...schema, additionalProperties: undefined }
    const format = {
      type: 'json_schema',
      json_schema: { name: 'listing', strict: true, schema: loose }
    }
    const { status, body } = await post(
      sim.url,
      '/chat/completions',
      chatBody([], { response_format: format })
    )
    expect(status).toBe(400)
    expect(errorOf(body).message).toContain(
      "'additionalProperties' is required to be supplied and to be false"
    )
  })
})

describe('simulator: the openai SDK talks to it', () => {
  it('lists models and completes a chat, with headers via withResponse()', async () => {
    sim = await startSimulator()
    const client = new OpenAI({ apiKey: 'sk-sdk-test', baseURL: sim.url, maxRetries: 0 })
    const models = await client.models.list()
    expect(models.data.map((m) => m.id)).toContain('gpt-4o')
    const image = dataUrl(await makeJpeg(800, 600))
    const { data, response } = await client.chat.completions
      .create({
        model: 'gpt-4o',
        max_completion_tokens: 60,
        messages: [
          {
            role: 'user',
            content: [{ type: 'image_url', image_url: { url: image, detail: 'low' } }]
          }
        ]
      })
      .withResponse()
    expect(data.choices[0].message.content).toContain('wide product')
    expect(response.headers.get('x-ratelimit-limit-tokens')).toBe('200000')
  })
})
