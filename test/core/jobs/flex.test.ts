import { describe, expect, it } from 'vitest'
import { findModel } from '@shared/models/catalog'
import { tokenCost } from '../../../src/core/estimate/catalog-overrides'
import { estimateJob } from '../../../src/core/estimate/job-estimate'
import { flexProblem } from '../../../src/core/jobs/flex'
import { jobSpend } from '../../../src/core/jobs/job-state'
import { JobService } from '../../../src/core/service/job-service'
import { photoFolder, testSettings } from '../../helpers/job-fixtures'
import { chatRequests, simulatorPerTest } from '../../helpers/sim'

const sims = simulatorPerTest()
const KEY = { id: 'k', label: 'Main', apiKey: 'sk-test-1234' }
const OPENAI = { kind: 'openai' as const }
const LUNA = findModel('gpt-6-luna')!.prices

async function flexJob(
  photos: number,
  flexFallback: boolean,
  sim: { url: string }
): Promise<{ service: JobService; job: Awaited<ReturnType<JobService['create']>> }> {
  const { photos: folder, dataDir } = await photoFolder(photos)
  const service = new JobService(dataDir)
  const job = await service.create(
    testSettings([folder], {
      endpoint: OPENAI,
      model: 'gpt-6-luna',
      mode: 'flex',
      flexFallback,
      maxConcurrency: 1
    })
  )
  expect(
    await service.start(job, { endpoint: OPENAI, baseURL: sim.url, keys: [KEY] }).run()
  ).toEqual({ status: 'completed' })
  return { service, job }
}

describe('Flex processing', () => {
  it('sends service_tier flex and bills each answer at Flex (Batch) prices, by the tier the answer names', async () => {
    const sim = await sims.start()
    const { job } = await flexJob(3, false, sim)
    const sent = chatRequests(sim)
    expect(sent).toHaveLength(3)
    expect(sent.every((entry) => entry.serviceTier === 'flex')).toBe(true)
    for (const item of job.state.items.values()) {
      const result = item.result!
      expect(result.serviceTier).toBe('flex')
      const standard = tokenCost(LUNA, result.promptTokens, result.completionTokens)
      expect(result.costUsd).toBeCloseTo(
        tokenCost(LUNA, result.promptTokens, result.completionTokens, true),
        12
      )
      expect(result.costUsd).toBeCloseTo(standard / 2, 12)
    }
    expect(jobSpend(job.state)).toMatchObject({ flexAnswers: 3, otherTierAnswers: 0 })
  })

  it('without capacity (429 resource_unavailable) it waits and sends again: no photo fails, refusals are not billed', async () => {
    const sim = await sims.start({ flex: { unavailableFirst: 3, retryAfterMs: 20 } })
    const { job } = await flexJob(2, false, sim)
    const sent = chatRequests(sim)
    const refused = sent.filter((entry) => entry.status === 429)
    expect(refused).toHaveLength(3)
    expect(sent.filter((entry) => entry.status === 200)).toHaveLength(2)
    // Every try, refused or answered, asked for Flex: nothing went at the standard price.
    expect(sent.every((entry) => entry.serviceTier === 'flex')).toBe(true)
    const items = [...job.state.items.values()]
    expect(items.map((item) => item.status)).toEqual(['done', 'done'])
    expect(items.every((item) => item.result!.serviceTier === 'flex')).toBe(true)
  })

  it('falls back to standard where the user allowed it, and those answers are billed at the standard price', async () => {
    const sim = await sims.start({ flex: { unavailableFirst: 1, retryAfterMs: 20 } })
    const { job } = await flexJob(2, true, sim)
    const sent = chatRequests(sim)
    expect(sent.map((entry) => [entry.status, entry.serviceTier ?? 'standard'])).toEqual([
      [429, 'flex'],
      [200, 'standard'],
      [200, 'flex']
    ])
    const results = [...job.state.items.values()].map((item) => item.result!)
    const fellBack = results.find((result) => result.serviceTier === 'default')!
    expect(fellBack.costUsd).toBeCloseTo(
      tokenCost(LUNA, fellBack.promptTokens, fellBack.completionTokens),
      12
    )
    expect(jobSpend(job.state)).toMatchObject({ flexAnswers: 1, otherTierAnswers: 1 })
  })

  it('is OpenAI’s own: a gateway endpoint is refused before anything is sent, and so is a model without Flex', async () => {
    const sim = await sims.start()
    const { photos, dataDir } = await photoFolder(1)
    const service = new JobService(dataDir)
    const compatible = { kind: 'compatible' as const, baseURL: sim.url }
    await expect(
      service.create(testSettings([photos], { endpoint: compatible, mode: 'flex' }))
    ).rejects.toMatchObject({ problem: { code: 'flexOpenAIOnly', field: 'mode' } })
    expect(flexProblem({ model: 'o4-mini', endpoint: OPENAI })).toMatchObject({
      code: 'flexNotForModel',
      params: { n: 'o4-mini' }
    })
    expect(flexProblem({ model: 'gpt-6-luna', endpoint: OPENAI }, true)).toMatchObject({
      code: 'flexOpenAIOnly'
    })
    expect(flexProblem({ model: 'gpt-6-luna', endpoint: OPENAI })).toBeNull()
    expect(chatRequests(sim)).toHaveLength(0)
  })

  it('the estimate prices Flex at Batch prices with the prompt cache’s discount, and has no Flex cost for a model without it', () => {
    const request = {
      promptTokens: 3000,
      imageTokens: 1000,
      ruleImageTokens: 1000,
      textTokens: 2000,
      learnedFrom: 0,
      admissionTokens: 4000,
      outputTokens: 200,
      lineBytes: 1000
    }
    const input = {
      requests: [request, request, request],
      prices: LUNA,
      keys: [{ rpm: 500, tpm: 200_000 }],
      maxConcurrency: 4,
      expectedLatencyMs: 3000,
      cachedTokens: 2 * 1920
    }
    const estimate = estimateJob({ ...input, flex: 'yes' })
    expect(estimate.costFlex).toBeCloseTo(tokenCost(LUNA, 9000, 600, true, { read: 3840 }), 12)
    expect(estimate.costStandard).toBeCloseTo(tokenCost(LUNA, 9000, 600, false, { read: 3840 }), 12)
    expect(estimate.costFlex!).toBeLessThan(estimate.costBatch!)
    expect(estimateJob({ ...input, flex: 'no' }).costFlex).toBeNull()
  })
})
