import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_MODEL } from '@shared/models/catalog'
import { modelLife } from '@shared/models/lifecycle'
import { cliSimulator, runArgs, runInProcess } from '../helpers/cli'
import { photoFolder } from '../helpers/job-fixtures'

// Every suite lives on PHOTOSCRIBE_TODAY=2026-12-06 (vitest.config.mts): engine and simulator.
const simulator = cliSimulator()
const chats = (sim: { log: { entries: { path: string }[] } }) =>
  sim.log.entries.filter((entry) => entry.path.endsWith('/chat/completions'))

describe('models that live (photoscribe run)', () => {
  it('with no --model uses a model with no announced shutdown', async () => {
    const sim = await simulator.use()
    const { photos, dataDir } = await photoFolder(2)
    const run = await runInProcess([...runArgs(photos, join(dataDir, 'r.json'), dataDir), '--json'])
    expect(run.code).toBe(0)
    expect(modelLife(DEFAULT_MODEL, '2026-12-06')).toEqual({ kind: 'live' })
    const models = chats(sim).map((entry) => (entry as { model?: string }).model)
    expect(chats(sim)).toHaveLength(2)
    expect(run.out.join('\n')).not.toMatch(/shuts down/)
    expect(models).toEqual([DEFAULT_MODEL, DEFAULT_MODEL])
  })

  it('--model gpt-4.1-nano (switched off on 2026-10-23) exits 2 with nothing sent, naming gpt-6-luna', async () => {
    const sim = await simulator.use()
    const { photos, dataDir } = await photoFolder(2)
    const run = await runInProcess([
      ...runArgs(photos, join(dataDir, 'r.json'), dataDir),
      '--model',
      'gpt-4.1-nano'
    ])
    expect(run.code).toBe(2)
    expect(run.err).toContain('--model: gpt-4.1-nano was switched off on 2026-10-23')
    expect(run.err).toContain('--model gpt-6-luna')
    expect(sim.log.entries).toHaveLength(0)
  })

  it('--model gpt-4.1-mini runs, and its first lines name 2027-01-14 and the replacement', async () => {
    const sim = await simulator.use()
    const { photos, dataDir } = await photoFolder(2)
    const run = await runInProcess([
      ...runArgs(photos, join(dataDir, 'r.json'), dataDir),
      '--model',
      'gpt-4.1-mini'
    ])
    expect(run.code).toBe(0)
    expect(run.err).toContain(
      'gpt-4.1-mini shuts down on 2027-01-14; gpt-6-luna replaces it: --model gpt-6-luna'
    )
    expect(chats(sim)).toHaveLength(2)
  })

  it('an endpoint whose /v1/models no longer lists gpt-5-mini gets no photo; the user reads gpt-6.1-terra', async () => {
    const sim = await simulator.use({ withdrawn: ['gpt-5-mini'] })
    const { photos, dataDir } = await photoFolder(2)
    const run = await runInProcess([
      ...runArgs(photos, join(dataDir, 'r.json'), dataDir),
      '--model',
      'gpt-5-mini'
    ])
    expect(chats(sim)).toHaveLength(0)
    expect(run.code).toBe(3)
    expect([...run.out, run.err].join('\n')).toContain('gpt-6.1-terra')
    expect(sim.log.entries.map((entry) => entry.path)).toEqual(['/v1/models'])
  })
})
