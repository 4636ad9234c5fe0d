import { describe, expect, it } from 'vitest'
import { findModel } from '@shared/models/catalog'
import { tokenCost } from '../../../src/core/estimate/catalog-overrides'
import { jobSpend } from '../../../src/core/jobs/job-state'
import { JobService } from '../../../src/core/service/job-service'
import { BUILTIN_TEMPLATES } from '../../../src/core/templates/builtins'
import { photoFolder, testSettings } from '../../helpers/job-fixtures'
import { simulatorPerTest } from '../../helpers/sim'

const sims = simulatorPerTest()
const KEY = { id: 'k', label: 'Main', apiKey: 'sk-test-1234' }

describe('prompt caching, billed as the API bills it', () => {
  it('cached prompt tokens (a ≥ 1,024-token prefix sent again) are billed at the cached price, and the job says how many', async () => {
    const sim = await sims.start({ latencyMs: 2 })
    const { photos, dataDir } = await photoFolder(4)
    const base = BUILTIN_TEMPLATES[0]
    // A house style long enough to be cached (the built-ins' prefixes are shorter: never padded).
    const template = {
      ...base,
      id: 'house-style',
      instructions: `${base.instructions}\n${'Write in our calm, concrete house style. '.repeat(180)}`
    }
    const endpoint = { kind: 'compatible' as const, baseURL: sim.url }
    const service = new JobService(dataDir)
    const job = await service.create(
      testSettings([photos], {
        endpoint,
        model: 'gpt-6-luna',
        template,
        templateId: template.id,
        maxConcurrency: 1
      })
    )
    expect(
      await service.start(job, { endpoint, baseURL: sim.url, keys: [KEY], maxConcurrency: 1 }).run()
    ).toEqual({ status: 'completed' })
    const results = [...job.state.items.values()].map((item) => item.result!)
    const cached = results.map((result) => result.cachedTokens ?? 0)
    expect(cached.filter((n) => n === 0)).toHaveLength(1)
    expect(cached.filter((n) => n >= 1024)).toHaveLength(3)
    const prices = findModel('gpt-6-luna')!.prices
    for (const result of results)
      expect(result.costUsd).toBeCloseTo(
        tokenCost(prices, result.promptTokens, result.completionTokens, false, {
          read: result.cachedTokens ?? 0
        }),
        12
      )
    const first = results.find((result) => !result.cachedTokens)!
    const later = results.find((result) => result.cachedTokens)!
    expect(later.costUsd).toBeLessThan(first.costUsd)
    const spend = jobSpend(job.state)
    expect(spend.tokensCached).toBe(cached.reduce((a, b) => a + b, 0))
  })

  it('prices cache reads at the cached price and writes at the cache-write price', () => {
    const prices = findModel('gpt-6-luna')!.prices // 0.10 in, 0.01 cached, 0.125 write, 0.50 out
    expect(tokenCost(prices, 2000, 0)).toBeCloseTo(0.0002, 12)
    expect(tokenCost(prices, 2000, 0, false, { read: 1024 })).toBeCloseTo(
      (976 * 0.1 + 1024 * 0.01) / 1e6,
      12
    )
    expect(tokenCost(prices, 2000, 0, false, { written: 1024 })).toBeCloseTo(
      (976 * 0.1 + 1024 * 0.125) / 1e6,
      12
    )
  })
})
