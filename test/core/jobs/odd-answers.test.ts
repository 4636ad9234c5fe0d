import { describe, expect, it } from 'vitest'
import { newJob } from '../../../src/core/jobs/new-job'
import type { JobSettings } from '../../../src/core/jobs/job-store'
import type { Simulator } from '../../../src/simulator/server'
import type { AnswerFaultOptions } from '../../../src/simulator/answer-faults'
import { photoFolder, testSettings } from '../../helpers/job-fixtures'
import { runJobOnSim } from '../../helpers/job-run'
import { simulatorPerTest } from '../../helpers/sim'

const sims = simulatorPerTest()
let sim: Simulator | undefined

async function itemsWith(fault: Partial<AnswerFaultOptions>, settings: Partial<JobSettings> = {}) {
  sim = await sims.start({ latencyMs: 5, answerFaults: fault })
  const folder = await photoFolder(3)
  const job = await newJob(folder.dataDir, testSettings([folder.photos], settings))
  const { job: after } = await runJobOnSim(folder.dataDir, job.id, {
    sim,
    context: { scheduler: { backoffBaseMs: 5 } }
  })
  return [...after.state.items.values()]
}

describe('odd answers from the model, each with its own result', () => {
  it('an answer in a code fence is read as the answer', async () => {
    const items = await itemsWith({ codeFence: 1 }, { templateId: 'attributes' })
    expect(
      items.every((i) => i.status === 'done' && typeof i.result?.fields?.category === 'string')
    ).toBe(true)
  })

  it('a content-filter stop fails the photo with the reason, paid', async () => {
    const items = await itemsWith({ contentFilter: 1 })
    expect(items.map((i) => i.code)).toEqual(['filtered', 'filtered', 'filtered'])
    expect(items[0].reason).toContain('content filter')
    expect(items[0].wasted?.promptTokens).toBeGreaterThan(0)
  })

  it('an over-long answer is re-asked once, then kept for review with the rule', async () => {
    const items = await itemsWith({ overlong: 1 })
    for (const item of items) {
      expect(item.status).toBe('done')
      expect(item.result?.review).toMatch(/^Too long \(\d+ of 155 characters\)$/)
    }
  })

  it('a 200 with no choices is retried as a server error, then fails with the reason', async () => {
    const items = await itemsWith({ emptyChoices: 1 })
    expect(items.map((i) => i.code)).toEqual(['transient', 'transient', 'transient'])
    expect(items[0].reason).toContain('The server sent an answer without choices.')
  })
})
