import { afterEach, describe, expect, it } from 'vitest'
import { startSimulator, type Simulator } from '../../src/simulator/server'
import { dataUrl, makeJpeg } from '../helpers/images'
import { chatBody, manualClock, post } from '../helpers/sim-client'
import { countPromptTextTokens } from '@shared/models/prompt-tokens'

let sim: Simulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

const TEXT_TOKENS = countPromptTextTokens([['Describe this product.']])

describe('simulator: chat completions, charges and headers', () => {
  it('bills a 1024×1024 high-detail gpt-4o image at 765 tokens and says so in usage', async () => {
    sim = await startSimulator()
    const image = dataUrl(await makeJpeg(1024, 1024))
    const { status, body, headers } = await post(sim.url, '/chat/completions', chatBody([image]))
    expect(status).toBe(200)
    const usage = body.usage as { prompt_tokens: number; completion_tokens: number }
    expect(usage.prompt_tokens).toBe(TEXT_TOKENS + 765)
    expect(sim.log.entries[0].chargeTokens).toBe(TEXT_TOKENS + 765 + 100)
    const content = (body.choices as { message: { content: string } }[])[0].message.content
    expect(content).toMatch(/compact product .*\(ref [0-9a-f]{6}\)/)
    expect(headers.get('x-ratelimit-limit-requests')).toBe('500')
    expect(headers.get('x-ratelimit-remaining-requests')).toBe('499')
    expect(headers.get('x-ratelimit-reset-tokens')).toMatch(/^\d+(\.\d+)?(ms|s)$/)
  })

  it('answers the same photo with the same text every time', async () => {
    sim = await startSimulator()
    const image = dataUrl(await makeJpeg(300, 200))
    const first = await post(sim.url, '/chat/completions', chatBody([image]))
    const second = await post(sim.url, '/chat/completions', chatBody([image]))
    expect(first.body.choices).toEqual(second.body.choices)
  })

  it('charges a flat admission amount per image while usage stays by formula', async () => {
    sim = await startSimulator({ imageCharge: 800 })
    const image = dataUrl(await makeJpeg(64, 64))
    const { body } = await post(sim.url, '/chat/completions', chatBody([image, image], {}, 'low'))
    expect((body.usage as { prompt_tokens: number }).prompt_tokens).toBe(TEXT_TOKENS + 85 * 2)
    expect(sim.log.entries[0].chargeTokens).toBe(TEXT_TOKENS + 1600 + 100)
  })

  it('answers 429 rate_limit_exceeded with retry-after-ms when a burst exceeds the request bucket', async () => {
    const clock = manualClock()
    sim = await startSimulator({
      now: clock.now,
      defaultKey: { rpm: 60, tpm: 1_000_000, burstSeconds: 1 }
    })
    const body = chatBody([dataUrl(await makeJpeg(32, 32))], {}, 'low')
    expect((await post(sim.url, '/chat/completions', body)).status).toBe(200)
    const refused = await post(sim.url, '/chat/completions', body)
    expect(refused.status).toBe(429)
    const error = refused.body.error as { code: string; type: string; message: string }
    expect(error.code).toBe('rate_limit_exceeded')
    expect(error.type).toBe('requests')
    expect(error.message).toMatch(
      /^Rate limit reached for gpt-4o in organization \S+ on requests per min \(RPM\): Limit 60, Used 60, Requested 1\. Please try again in 1s\./
    )
    expect(refused.headers.get('retry-after-ms')).toBe('1000')
    expect(refused.headers.get('retry-after')).toBe('1')
    expect(refused.headers.get('x-ratelimit-remaining-requests')).toBe('0')
    clock.advance(1000)
    expect((await post(sim.url, '/chat/completions', body)).status).toBe(200)
    expect(sim.log.entries.map((e) => e.outcome)).toEqual(['ok', 'rate_limited', 'ok'])
  })

  it('refuses on tokens per minute with the TPM message', async () => {
    sim = await startSimulator({
      now: manualClock().now,
      defaultKey: { rpm: 1000, tpm: 1200, burstSeconds: 60 }
    })
    const body = chatBody([dataUrl(await makeJpeg(1024, 1024))])
    expect((await post(sim.url, '/chat/completions', body)).status).toBe(200)
    const refused = await post(sim.url, '/chat/completions', body)
    expect(refused.status).toBe(429)
    expect((refused.body.error as { message: string }).message).toContain(
      'on tokens per min (TPM): Limit 1200'
    )
    expect(Number(refused.headers.get('retry-after-ms'))).toBeGreaterThan(0)
  })

  it('fails a request larger than the whole TPM limit as "Request too large"', async () => {
    sim = await startSimulator({ defaultKey: { tpm: 500 } })
    const refused = await post(
      sim.url,
      '/chat/completions',
      chatBody([dataUrl(await makeJpeg(1024, 1024))])
    )
    expect(refused.status).toBe(429)
    expect((refused.body.error as { message: string }).message).toMatch(
      /^Request too large for gpt-4o .* Limit 500, Requested \d+\./
    )
    expect(refused.headers.get('retry-after-ms')).toBeNull()
    expect(sim.log.entries[0].outcome).toBe('too_large')
  })

  it('answers insufficient_quota after N successes, per key', async () => {
    sim = await startSimulator({ keys: { 'sk-poor': { quotaAfter: 2 }, 'sk-rich': {} } })
    const body = chatBody([dataUrl(await makeJpeg(32, 32))], {}, 'low')
    const statuses = []
    for (let i = 0; i < 3; i++)
      statuses.push((await post(sim.url, '/chat/completions', body, 'sk-poor')).status)
    expect(statuses).toEqual([200, 200, 429])
    const quota = await post(sim.url, '/chat/completions', body, 'sk-poor')
    expect((quota.body.error as { code: string; type: string }).code).toBe('insufficient_quota')
    expect((quota.body.error as { type: string }).type).toBe('insufficient_quota')
    expect((await post(sim.url, '/chat/completions', body, 'sk-rich')).status).toBe(200)
  })

  it('answers 401 for a key it does not know, without echoing the key', async () => {
    sim = await startSimulator({ keys: { 'sk-good-1234': {} } })
    const refused = await post(sim.url, '/chat/completions', chatBody([]), 'sk-wrong-secret-9876')
    expect(refused.status).toBe(401)
    expect((refused.body.error as { code: string }).code).toBe('invalid_api_key')
    expect(JSON.stringify(refused.body)).not.toContain('wrong-secret')
    expect(sim.log.entries[0].key).toBe('…9876')
  })

  it('omits rate-limit headers when told to, like local servers', async () => {
    sim = await startSimulator({ rateLimitHeaders: false })
    const { headers } = await post(
      sim.url,
      '/chat/completions',
      chatBody([dataUrl(await makeJpeg(32, 32))])
    )
    expect(headers.get('x-ratelimit-limit-requests')).toBeNull()
  })
})
