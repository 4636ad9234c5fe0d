import { readFileSync } from 'node:fs'
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

describe('unfinished jobs on a dying model (photoscribe run, jobs)', () => {
  it('are listed at start with the command to switch; --switch-model asks the photos left with the replacement', async () => {
    const sim = await simulator.use()
    const { photos, dataDir } = await photoFolder(3)
    const out = join(dataDir, 'r.json')
    // A job saved on gpt-4.1-mini and never run (a dry run sends nothing).
    const saved = await runInProcess([
      ...runArgs(photos, out, dataDir),
      '--model',
      'gpt-4.1-mini',
      '--dry-run'
    ])
    const jobId = /--resume (\S+)/.exec(saved.out.join('\n'))![1]
    // The next run of anything names it, and how to switch it; nothing is switched on its own.
    const other = await photoFolder(1)
    const next = await runInProcess(runArgs(other.photos, join(dataDir, 'n.json'), dataDir))
    expect(next.code).toBe(0)
    expect(next.err).toContain(
      `unfinished job ${jobId} (3 photo(s) left) asks gpt-4.1-mini, which shuts down on 2027-01-14: photoscribe run --resume ${jobId} --switch-model gpt-6-luna`
    )
    const listed = await runInProcess(['jobs', '--data-dir', dataDir])
    expect(listed.out.join('\n')).toContain(`⚠ unfinished job ${jobId}`)
    // Resumed as it is, it warns with the resume's own command.
    const dry = await runInProcess(['run', '--resume', jobId, '--data-dir', dataDir, '--dry-run'])
    expect(dry.err).toContain(
      `gpt-4.1-mini shuts down on 2027-01-14; gpt-6-luna replaces it: photoscribe run --resume ${jobId} --switch-model gpt-6-luna`
    )
    const before = chats(sim).length
    // Switching to a model already gone is refused, and the job is left as it was.
    const refused = await runInProcess([
      ...['run', '--resume', jobId, '--out', out, '--data-dir', dataDir],
      ...['--switch-model', 'gpt-4.1-nano']
    ])
    expect(refused.code).toBe(2)
    expect(refused.err).toContain('--switch-model: gpt-4.1-nano is switched off already')
    const switched = await runInProcess([
      ...['run', '--resume', jobId, '--out', out, '--data-dir', dataDir],
      ...['--switch-model', 'gpt-6-luna']
    ])
    expect(switched.code).toBe(0)
    expect(switched.err).toContain(`Job ${jobId} now asks gpt-6-luna for the photos left`)
    const asked = chats(sim)
      .slice(before)
      .map((entry) => (entry as { model?: string }).model)
    // The third photo is the same picture the other job had answered with gpt-6-luna: it comes
    // from the answer cache, not paid twice. Nothing was asked of gpt-4.1-mini.
    expect(asked).toEqual(['gpt-6-luna', 'gpt-6-luna'])
    expect(JSON.stringify(JSON.parse(readFileSync(out, 'utf8')))).not.toContain('gpt-4.1-mini')
    const again = await runInProcess(runArgs(other.photos, join(dataDir, 'm.json'), dataDir))
    expect(again.err).not.toContain('unfinished job')
  })
})
