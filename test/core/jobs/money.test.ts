import { describe, expect, it } from 'vitest'
import { findTemplate } from '../../../src/core/templates/builtins'
import { jobSpend } from '../../../src/core/jobs/job-state'
import { newJob } from '../../../src/core/jobs/new-job'
import type { Simulator } from '../../../src/simulator/server'
import type { SimulatorOverrides } from '../../../src/simulator/options'
import type { JobSettings } from '../../../src/core/jobs/job-store'
import { photoFolder, testSettings } from '../../helpers/job-fixtures'
import { runJobOnSim } from '../../helpers/job-run'
import { simulatorPerTest } from '../../helpers/sim'

const sims = simulatorPerTest()
let sim: Simulator | undefined

/** Runs `photos` photos against a simulator scenario; returns the outcome, the job, what was billed. */
async function runScenario(
  photos: number,
  scenario: SimulatorOverrides,
  settings: Partial<JobSettings>
) {
  sim = await sims.start({ latencyMs: 5, ...scenario })
  const folder = await photoFolder(photos)
  const job = await newJob(folder.dataDir, testSettings([folder.photos], settings))
  const { outcome, job: after } = await runJobOnSim(folder.dataDir, job.id, { sim })
  const billed = sim.log.entries.filter((e) => e.status === 200)
  return { outcome, after, billed }
}

// gpt-4o: $2.50 in / $10 out per 1M tokens.
const gpt4oCost = (e: { promptTokens?: number; completionTokens?: number }): number =>
  ((e.promptTokens ?? 0) * 2.5 + (e.completionTokens ?? 0) * 10) / 1e6

describe('the budget holds', () => {
  it('when usage leaves out prompt_tokens: the spend is estimated, never NaN, and the cap stops the job', async () => {
    const { outcome, after, billed } = await runScenario(
      40,
      { answerFaults: { noPromptTokens: 1 } },
      { budgetUsd: 0.004 }
    )
    expect(outcome).toMatchObject({ status: 'stopped', kind: 'budget' })
    const spent = jobSpend(after.state).costUsd
    expect(Number.isFinite(spent)).toBe(true)
    expect(spent).toBeGreaterThan(0)
    expect(spent).toBeLessThanOrEqual(0.004)
    expect(billed.length).toBeLessThan(40)
  })

  it('with re-asks: each is reserved before it goes, so the cap is never passed', async () => {
    const { outcome, after, billed } = await runScenario(
      30,
      {},
      { templateId: 'listing-pack', budgetUsd: 0.006 }
    )
    expect(outcome).toMatchObject({ status: 'stopped', kind: 'budget' })
    const paid = billed.reduce((sum, e) => sum + gpt4oCost(e), 0)
    expect(paid).toBeLessThanOrEqual(0.006)
    expect(jobSpend(after.state).costUsd).toBeCloseTo(paid, 9)
  })

  it('counts paid answers that could not be used (refusals): the spend survives a reload', async () => {
    const { after, billed } = await runScenario(6, { answerFaults: { refusal: 1 } }, {})
    const items = [...after.state.items.values()]
    expect(items.every((i) => i.status === 'failed' && i.code === 'refusal')).toBe(true)
    expect(items[0].reason).toBe("The model declined: I'm sorry, I can't help with that.")
    const paid = billed.reduce((sum, e) => sum + gpt4oCost(e), 0)
    expect(paid).toBeGreaterThan(0)
    expect(jobSpend(after.state).costUsd).toBeCloseTo(paid, 9)
  })

  it('refuses to run a budget for a model without a price', async () => {
    const { outcome, billed } = await runScenario(3, {}, { model: 'llava', budgetUsd: 1 })
    expect(outcome).toMatchObject({
      status: 'stopped',
      kind: 'budget',
      reason: expect.stringContaining('There is no price for “llava”')
    })
    expect(billed).toHaveLength(0)
  })
})

describe('answers cut off and reasoning models', () => {
  it('an answer cut off at finish_reason "length" is asked again once with twice the budget', async () => {
    const tiny = { ...findTemplate('seo-meta')!, maxCompletionTokens: 24 }
    const { after, billed } = await runScenario(3, {}, { template: tiny })
    const items = [...after.state.items.values()]
    expect(items.every((i) => i.status === 'done' && i.result!.finishReason === 'stop')).toBe(true)
    expect(billed).toHaveLength(6)
    expect(jobSpend(after.state).costUsd).toBeCloseTo(
      billed.reduce((s, e) => s + gpt4oCost(e), 0),
      9
    )
  })

  it.each(['gpt-5-mini', 'gpt-6.1-sol'])(
    '%s: the answer budget covers the reasoning, so every photo is done',
    async (model) => {
      const { after, billed } = await runScenario(4, { logPath: undefined }, { model })
      const items = [...after.state.items.values()]
      expect(items.map((i) => i.status)).toEqual(['done', 'done', 'done', 'done'])
      expect(billed).toHaveLength(4)
    }
  )
})
