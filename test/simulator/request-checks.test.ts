import { afterEach, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/simulator/server'
import { dataUrl, makeJpeg } from '../helpers/images'
import { chatBody, post } from '../helpers/sim-client'

let sim: Simulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

const refusal = async (body: Record<string, unknown>) => {
  sim ??= await startSimulator()
  const { status, body: answer } = await post(sim.url, '/chat/completions', body)
  return {
    status,
    error: answer.error as { message: string; param: string | null; code: string | null }
  }
}

describe('simulator: parameters the real API refuses', () => {
  it('an unknown parameter', async () => {
    const image = dataUrl(await makeJpeg(20, 20))
    expect(await refusal(chatBody([image], { temprature: 0.2 }))).toEqual({
      status: 400,
      error: expect.objectContaining({
        message: 'Unrecognized request argument supplied: temprature',
        param: null,
        code: null
      })
    })
  })

  it('reasoning_effort on a model that does not reason', async () => {
    const image = dataUrl(await makeJpeg(20, 20))
    expect(await refusal(chatBody([image], { reasoning_effort: 'low' }))).toMatchObject({
      status: 400,
      error: { param: 'reasoning_effort', code: 'unsupported_parameter' }
    })
  })

  it('a detail value it does not know, naming where', async () => {
    const image = dataUrl(await makeJpeg(20, 20))
    expect(await refusal(chatBody([image], {}, 'medium' as 'low'))).toMatchObject({
      status: 400,
      error: {
        message: "Invalid value: 'medium'. Supported values are: 'low', 'high', and 'auto'.",
        param: 'messages[0].content[1].image_url.detail',
        code: 'invalid_value'
      }
    })
  })
})

describe('simulator: refused requests count toward RPM when the scenario says so', () => {
  it('a 429 and a 400 each take a request from the minute', async () => {
    sim = await startSimulator({ defaultKey: { rpm: 60, burstSeconds: 60, refusedCount: true } })
    const bad = chatBody([dataUrl(Buffer.from('not an image'))])
    const first = await post(sim.url, '/chat/completions', bad)
    expect(first.status).toBe(400)
    const image = dataUrl(await makeJpeg(20, 20))
    const ok = await post(sim.url, '/chat/completions', chatBody([image]))
    expect(Number(ok.headers.get('x-ratelimit-remaining-requests'))).toBeLessThanOrEqual(58)
  })

  it('sends no retry-after and no rate-limit headers on a 429 with bare429', async () => {
    sim = await startSimulator({ bare429: true, defaultKey: { rpm: 1, burstSeconds: 1 } })
    const image = dataUrl(await makeJpeg(20, 20))
    await post(sim.url, '/chat/completions', chatBody([image]))
    const limited = await post(sim.url, '/chat/completions', chatBody([image]))
    expect(limited.status).toBe(429)
    expect(limited.headers.get('retry-after')).toBeNull()
    expect(limited.headers.get('x-ratelimit-remaining-requests')).toBeNull()
  })
})
