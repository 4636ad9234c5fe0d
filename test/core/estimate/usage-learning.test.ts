import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { LEARNED_AFTER, UsageLearning } from '../../../src/core/estimate/usage-learning'
import { estimateRequest } from '../../../src/core/estimate/request-estimate'
import { findModel } from '@shared/models/catalog'
import { BENCH_LIMITS, learningError } from '../../../bench/models/learning'
import { simulatorPerTest } from '../../helpers/sim'
import { tempDir } from '../../helpers/temp'

const sims = simulatorPerTest()

describe('image tokens learned from usage', () => {
  it('gpt-6-luna at low detail: after 20 answered photos the estimate of 20 others is within ±2 %', async () => {
    // The other models and details are measured in the long suite (test/models/learning-matrix).
    const { before, after } = await learningError(
      await sims.start(BENCH_LIMITS),
      'gpt-6-luna',
      'low'
    )
    expect(before.learnedFrom).toBe(0)
    expect(before.error).toBeGreaterThan(0.05)
    expect(after.learnedFrom).toBe(20)
    expect(after.error).toBeLessThanOrEqual(0.02)
  }, 60_000)

  it('keeps what it learned in the data folder, and a damaged file starts afresh', async () => {
    const dir = await tempDir('learned')
    const path = join(dir, 'learned-usage.json')
    const learning = UsageLearning.open(path)
    for (let i = 0; i < LEARNED_AFTER; i++) learning.observeImage('gpt-6-luna', 'low', 300, 390)
    learning.observeAdmission('gpt-6-luna', 'low', 1100)
    await learning.flush()
    const again = UsageLearning.open(path)
    expect(again.imageFactor('gpt-6-luna', 'low', 300)).toEqual({ factor: 1.3, n: LEARNED_AFTER })
    expect(again.admissionPerImage('gpt-6-luna', 'low')).toBe(1100)
    // Another size class borrows the nearest learned one's factor.
    expect(again.imageFactor('gpt-6-luna', 'low', 2000)).toEqual({ factor: 1.3, n: LEARNED_AFTER })
    expect(again.imageFactor('gpt-6-luna', 'high', 300)).toEqual({ factor: 1, n: 0 })
    const text = await readFile(path, 'utf8')
    await writeFile(path, text.slice(0, text.length / 2))
    expect(UsageLearning.open(path).imageFactor('gpt-6-luna', 'low', 300)).toEqual({
      factor: 1,
      n: 0
    })
  })

  it('writes at most every two seconds while answers pour in, and the rest when asked (a run ends)', async () => {
    const dir = await tempDir('learned-throttle')
    const path = join(dir, 'learned-usage.json')
    const learning = UsageLearning.open(path)
    const seen = async (): Promise<number> =>
      (JSON.parse(await readFile(path, 'utf8')) as { images: Record<string, { n: number }> })
        .images['gpt-6-luna|low|' + 16]?.n ?? 0
    learning.observeImage('gpt-6-luna', 'low', 300, 390)
    await new Promise((resolve) => setTimeout(resolve, 50))
    expect(await seen()).toBe(1)
    for (let i = 0; i < 50; i++) learning.observeImage('gpt-6-luna', 'low', 300, 390)
    await new Promise((resolve) => setTimeout(resolve, 200))
    expect(await seen()).toBe(1)
    await learning.flush()
    expect(await seen()).toBe(51)
  })

  it('the tokens/min charge per image learned from a 429 replaces the configured one', () => {
    const learning = UsageLearning.open(null)
    const model = findModel('gpt-6-luna')!
    const shape = {
      model,
      texts: [['Describe the photo.']],
      images: [{ width: 512, height: 512 }],
      detail: 'low' as const,
      maxCompletionTokens: 300,
      expectedOutputTokens: 50
    }
    const configured = estimateRequest(shape, 800, learning)
    learning.observeAdmission('gpt-6-luna', 'low', 1250)
    const learned = estimateRequest(shape, 800, learning)
    expect(learned.admissionTokens - configured.admissionTokens).toBe(450)
  })
})
