import { describe, expect, it } from 'vitest'
import { findModel } from '@shared/models/catalog'
import { BENCH_LIMITS, learningError } from '../../bench/models/learning'
import { simulatorPerTest } from '../helpers/sim'

const sims = simulatorPerTest()

// Long suite: 40 photos of up to 3,000 px per case, prepared and answered for real.
describe('image tokens learned from usage, per model family', () => {
  it.each([
    ['gpt-6-luna', 'high'],
    ['gpt-6-luna', 'low'],
    ['gpt-5.4-mini', 'high'],
    ['gpt-4o', 'high']
  ] as const)(
    '%s at %s detail: after 20 answered photos the estimate of 20 others is within ±2 %',
    async (model, detail) => {
      const sim = await sims.start(BENCH_LIMITS)
      const { before, after } = await learningError(sim, model, detail)
      expect(before.learnedFrom).toBe(0)
      expect(after.error).toBeLessThanOrEqual(0.02)
      if (findModel(model)!.imageRuleAssumed) {
        // The catalog's assumed rule alone is well off; the answers are what made it right.
        expect(before.error).toBeGreaterThan(0.05)
        expect(after.learnedFrom).toBe(20)
      } else expect(before.error).toBeLessThanOrEqual(0.02)
    },
    120_000
  )
})
