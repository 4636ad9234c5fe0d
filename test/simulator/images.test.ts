import OpenAI, { toFile } from 'openai'
import sharp from 'sharp'
import { afterEach, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/simulator/server'
import type { SimulatorOverrides } from '../../src/simulator/options'
import { makeJpeg } from '../helpers/images'

let sim: Simulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

async function client(overrides: SimulatorOverrides = {}): Promise<OpenAI> {
  sim = await startSimulator(overrides)
  return new OpenAI({ apiKey: 'sk-images', baseURL: sim.url, maxRetries: 0 })
}

const photo = async (hue: number) =>
  toFile(await makeJpeg(400, 300, hue), 'shoe.jpg', { type: 'image/jpeg' })

describe('the simulated image endpoints', () => {
  it('edits photos into an image of the size, format and background asked for, with usage, and logs what it billed', async () => {
    const api = await client()
    const edit = async () =>
      api.images.edit({
        model: 'gpt-image-2',
        image: [await photo(10), await photo(200)],
        prompt: 'The product alone on pure white.',
        size: '1536x1024',
        quality: 'low',
        output_format: 'png',
        background: 'opaque'
      })
    const answer = await edit()
    const image = Buffer.from(answer.data![0].b64_json!, 'base64')
    const meta = await sharp(image).metadata()
    expect(meta).toMatchObject({ width: 1536, height: 1024, format: 'png' })
    const corner = await sharp(image)
      .extract({ left: 0, top: 0, width: 1, height: 1 })
      .raw()
      .toBuffer()
    expect([...corner.subarray(0, 3)]).toEqual([255, 255, 255])
    expect(answer.usage).toMatchObject({
      input_tokens_details: { image_tokens: 646 },
      output_tokens_details: { image_tokens: 300 }
    })
    const again = await edit()
    // Deterministic: the same photos and ask make the same image.
    expect(again.data![0].b64_json).toBe(answer.data![0].b64_json)
    expect(sim!.log.entries.map((e) => [e.path, e.outcome, e.imagesOut])).toEqual([
      ['/v1/images/edits', 'ok', 1],
      ['/v1/images/edits', 'ok', 1]
    ])
  })

  it('makes a transparent cut-out as WebP, and refuses transparency in a JPEG', async () => {
    const api = await client()
    const cut = await api.images.edit({
      model: 'gpt-image-2',
      image: await photo(90),
      prompt: 'Cut out.',
      size: '1024x1024',
      background: 'transparent',
      output_format: 'webp'
    })
    const meta = await sharp(Buffer.from(cut.data![0].b64_json!, 'base64')).metadata()
    expect(meta).toMatchObject({ format: 'webp', hasAlpha: true })
    await expect(
      api.images.edit({
        model: 'gpt-image-2',
        image: await photo(90),
        prompt: 'Cut out.',
        background: 'transparent',
        output_format: 'jpeg'
      })
    ).rejects.toMatchObject({ status: 400, param: 'background' })
  })

  it('answers 404 for gpt-image-1 (shut down 2026-10-23) and a generation from a prompt alone', async () => {
    const api = await client({ today: () => '2026-12-06' })
    await expect(
      api.images.generate({ model: 'gpt-image-1', prompt: 'A mug.' })
    ).rejects.toMatchObject({ status: 404, code: 'model_not_found' })
    const made = await api.images.generate({
      model: 'gpt-image-2',
      prompt: 'A mug on a table.',
      size: '1024x1536',
      output_format: 'jpeg'
    })
    const meta = await sharp(Buffer.from(made.data![0].b64_json!, 'base64')).metadata()
    expect(meta).toMatchObject({ width: 1024, height: 1536, format: 'jpeg' })
  })

  it("holds each key to its images per minute with OpenAI's 429 body, and tells a key without access its limit is 0", async () => {
    const api = await client({
      keys: { 'sk-images': { ipm: 2, burstSeconds: 60 }, 'sk-none': { ipm: 0 } }
    })
    const ask = async (c: OpenAI) =>
      c.images.generate({ model: 'gpt-image-2', prompt: 'A lamp.', quality: 'low' })
    await ask(api)
    await ask(api)
    const third = await ask(api).catch((error: unknown) => error)
    expect(third).toMatchObject({ status: 429, code: 'rate_limit_exceeded' })
    expect((third as Error).message).toMatch(
      /images per minute in organization org-simulator\. Limit: 2\/1min\. Current: 3\/1min\./
    )
    expect(Number((third as { headers: Headers }).headers.get('retry-after'))).toBeGreaterThan(0)
    const none = new OpenAI({ apiKey: 'sk-none', baseURL: sim!.url, maxRetries: 0 })
    const refused = await ask(none).catch((error: unknown) => error)
    expect((refused as Error).message).toMatch(/Limit: 0\/1min/)
    expect(sim!.log.entries.filter((e) => e.outcome === 'ok')).toHaveLength(2)
  })

  it('bills an image whose client went away before the answer', async () => {
    const api = await client({ latencyMs: 300 })
    const abort = new AbortController()
    const sent = api.images.generate(
      { model: 'gpt-image-2', prompt: 'A chair.' },
      { signal: abort.signal }
    )
    setTimeout(() => abort.abort(), 100)
    await expect(sent).rejects.toThrow()
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(sim!.log.entries.map((e) => e.outcome)).toEqual(['client_gone_billed'])
  })
})
