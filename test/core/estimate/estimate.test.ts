import { afterEach, describe, expect, it } from 'vitest'
import { findModel } from '@shared/models/catalog'
import { estimateSummary } from '@shared/format/estimate-summary'
import { estimateJob } from '../../../src/core/estimate/job-estimate'
import { resolveLimits, resolvePrices } from '../../../src/core/estimate/catalog-overrides'
import { estimateRequest, type RequestEstimate } from '../../../src/core/estimate/request-estimate'
import { DEFAULT_PREPROCESS, preprocessImage } from '../../../src/core/images/preprocess'
import { startSimulator, type Simulator } from '../../../src/simulator/server'
import { fixture } from '../../helpers/fixtures'
import { post } from '../../helpers/sim-client'

let sim: Simulator | undefined
afterEach(async () => {
  await sim?.close()
  sim = undefined
})

const PROMPT =
  'Write an SEO meta description (120–155 characters) in Español for this product photo.'

describe('estimate vs what the simulator bills', () => {
  it.each([
    ['gpt-4o', 'high', 'formula'],
    ['gpt-5-mini', 'high', 'formula'],
    ['gpt-4o', 'low', 800]
  ] as const)(
    '%s at %s detail: estimated prompt tokens = usage.prompt_tokens, admission = charge',
    async (modelId, detail, imageCharge) => {
      sim = await startSimulator({ imageCharge })
      const model = findModel(modelId)!
      const photo = await preprocessImage(await fixture('2569067123_aca715a2ee_o.jpg'), {
        ...DEFAULT_PREPROCESS,
        detail,
        method: model.imageTokens
      })
      const estimate = estimateRequest(
        {
          model,
          texts: [['You write product copy.'], [PROMPT]],
          images: [photo],
          detail,
          maxCompletionTokens: 300,
          expectedOutputTokens: 45
        },
        imageCharge
      )
      const body = {
        model: modelId,
        max_completion_tokens: 300,
        messages: [
          { role: 'system', content: 'You write product copy.' },
          {
            role: 'user',
            content: [
              { type: 'text', text: PROMPT },
              {
                type: 'image_url',
                image_url: {
                  url: `data:${photo.mime};base64,${photo.data.toString('base64')}`,
                  detail
                }
              }
            ]
          }
        ]
      }
      const { status, body: answer } = await post(sim.url, '/chat/completions', body)
      expect(status).toBe(200)
      expect((answer.usage as { prompt_tokens: number }).prompt_tokens).toBe(estimate.promptTokens)
      expect(sim.log.entries[0].chargeTokens).toBe(estimate.admissionTokens)
    }
  )
})

const request = (admission: number, prompt = 1000, output = 50): RequestEstimate => ({
  promptTokens: prompt,
  imageTokens: 765,
  ruleImageTokens: 765,
  textTokens: prompt - 765,
  learnedFrom: 0,
  admissionTokens: admission,
  outputTokens: output,
  lineBytes: 50_000
})

describe('job estimate', () => {
  const prices = resolvePrices('gpt-4o')

  it('prices at standard and Batch rates', () => {
    const estimate = estimateJob({
      requests: Array(2000).fill(request(1200)),
      prices,
      keys: [{ rpm: 10_000, tpm: 30_000_000 }],
      maxConcurrency: 500,
      expectedLatencyMs: 3000
    })
    expect(estimate.costStandard).toBeCloseTo((2000 * 1000 * 2.5 + 2000 * 50 * 10) / 1e6)
    expect(estimate.costBatch).toBeCloseTo(estimate.costStandard! / 2)
  })

  it('says which limit binds and how long it takes', () => {
    const base = { prices, maxConcurrency: 500, expectedLatencyMs: 3000 }
    const rpmBound = estimateJob({
      ...base,
      requests: Array(2000).fill(request(100)),
      keys: [{ rpm: 500, tpm: 30_000_000 }]
    })
    expect(rpmBound).toMatchObject({
      binding: 'requests per minute',
      durationMs: 4 * 60_000 + 3000
    })
    const tpmBound = estimateJob({
      ...base,
      requests: Array(2000).fill(request(1200)),
      keys: [{ rpm: 500, tpm: 30_000 }]
    })
    expect(tpmBound).toMatchObject({ binding: 'tokens per minute', durationMs: 80 * 60_000 + 3000 })
    const latencyBound = estimateJob({
      ...base,
      requests: Array(2000).fill(request(100)),
      keys: [{ rpm: 100_000, tpm: 1e9 }],
      maxConcurrency: 4
    })
    expect(latencyBound).toMatchObject({
      binding: 'concurrency × latency',
      durationMs: 1500 * 1000 + 3000
    })
    expect(estimateSummary(tpmBound)).toMatch(
      /^≈ \$\d+\.\d\d, ≈ 80 min at your limits \(tokens\/min binds\); Batch API: ≈ \$\d+\.\d\d within 24 h$/
    )
  })

  it('adds the keys’ limits together', () => {
    const one = estimateJob({
      requests: Array(600).fill(request(10)),
      prices,
      keys: [{ rpm: 300, tpm: 1e9 }],
      maxConcurrency: 500,
      expectedLatencyMs: 0
    })
    const two = estimateJob({
      requests: Array(600).fill(request(10)),
      prices,
      keys: [
        { rpm: 300, tpm: 1e9 },
        { rpm: 300, tpm: 1e9 }
      ],
      maxConcurrency: 500,
      expectedLatencyMs: 0
    })
    expect(two.durationMs).toBe(one.durationMs / 2)
  })

  it('uses price overrides from Settings, and says so when a model has no price', () => {
    expect(resolvePrices('gpt-4o', { 'gpt-4o': { input: 5 } })).toMatchObject({
      input: 5,
      output: 10,
      batchInput: 2.5,
      batchOutput: 5
    })
    expect(resolvePrices('llava:13b')).toBeNull()
    const local = estimateJob({
      requests: [request(10)],
      prices: null,
      keys: [{ rpm: 60, tpm: 1e6 }],
      maxConcurrency: 2,
      expectedLatencyMs: 1000
    })
    expect(estimateSummary(local)).toContain('cost unknown for this model')
  })
})

describe('limits from the catalog or Settings', () => {
  it('uses published tier-1 defaults unless Settings say otherwise', () => {
    expect(resolveLimits('gpt-4o')).toEqual({ rpm: 500, tpm: 30_000, source: 'catalog' })
    expect(resolveLimits('gpt-4o', { tpm: 450_000 })).toMatchObject({ rpm: 500, tpm: 450_000 })
    expect(resolveLimits('llava', { rpm: 60, tpm: 100_000 })).toEqual({
      rpm: 60,
      tpm: 100_000,
      source: 'given'
    })
  })

  it('starts a model without published limits at the lowest tier 1 of its family, or of all', () => {
    expect(resolveLimits('gpt-4.1-nano')).toEqual({
      rpm: 500,
      tpm: 30_000,
      source: 'family',
      from: ['gpt-4.1', 'gpt-4.1-mini']
    })
    expect(resolveLimits('gpt-5')).toEqual({
      rpm: 500,
      tpm: 200_000,
      source: 'family',
      from: ['gpt-5-mini', 'gpt-5-nano']
    })
    expect(resolveLimits('llava:13b')).toEqual({ rpm: 500, tpm: 30_000, source: 'lowest' })
  })
})
