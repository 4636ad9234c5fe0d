import { describe, expect, it } from 'vitest'
import { loadJob } from '../../../src/core/jobs/job-store'
import { newJob } from '../../../src/core/jobs/new-job'
import { JobRun } from '../../../src/core/jobs/run-job'
import type { ChatTransport } from '../../../src/core/openai/transport'
import { systemClock } from '../../../src/core/scheduler/clock'
import { completion } from '../../helpers/fake-transport'
import { photoFolder, testSettings } from '../../helpers/job-fixtures'

// Answers every photo with 300 characters (the rule allows 155) and refuses every re-ask at once.
const transport: ChatTransport = {
  async send(_keyId, body) {
    if (body.messages.some((message) => message.role === 'assistant'))
      return { ok: false, failure: { kind: 'invalid', message: 'The re-ask was refused.' } }
    return { ok: true, completion: completion('A'.repeat(299) + '.'), rateLimits: null }
  }
}

describe('a re-ask that fails', () => {
  it('keeps the paid, rule-breaking answer for review (never fails the photo)', async () => {
    const { photos, dataDir } = await photoFolder(6)
    const job = await newJob(dataDir, testSettings([photos]))
    const keys = [{ id: 'k', label: 'k', rpm: 6000, tpm: 1e7 }]
    await new JobRun(job, { dataDir, transport, keys, clock: systemClock }).run()
    const items = [...(await loadJob(dataDir, job.id)).state.items.values()]
    expect(items.map((i) => i.status)).toEqual(Array(6).fill('done'))
    for (const item of items) expect(item.result?.review).toBe('Too long (300 of 155 characters)')
  })
})
