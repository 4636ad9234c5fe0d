import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startSimulator } from '../../src/simulator/server'
import { cliSimulator, runArgs, runInProcess } from '../helpers/cli'
import { makeJpeg } from '../helpers/images'
import { chatRequests } from '../helpers/sim'
import { photoFolder } from '../helpers/job-fixtures'

const simulator = cliSimulator()

type Row = { file: string; status: string; cost_usd?: number; costUsd?: number }
const rowsOf = async (path: string): Promise<Row[]> =>
  JSON.parse(await readFile(path, 'utf8')) as Row[]
const jobIdOf = (lines: string[]): string =>
  /Job (\S+) is saved/.exec(lines.join('\n'))?.[1] ?? 'no job id printed'

describe('the result cache keeps endpoints apart', () => {
  it('a demo run and then a real run on the same folder: the real endpoint answers every photo', async () => {
    const { photos, dataDir } = await photoFolder(3)
    const demoOut = join(dataDir, 'demo.json')
    const demo = await runInProcess([
      'run',
      photos,
      '--demo',
      '--out',
      demoOut,
      '--data-dir',
      dataDir
    ])
    expect(demo.code).toBe(0)
    const real = await simulator.use()
    const out = join(dataDir, 'real.json')
    expect((await runInProcess(runArgs(photos, out, dataDir))).code).toBe(0)
    expect(chatRequests(real).filter((e) => e.status === 200)).toHaveLength(3)
    expect((await rowsOf(out)).every((r) => r.status === 'done')).toBe(true)
  })

  it('a second endpoint is asked again; the same endpoint again is served from the cache', async () => {
    const { photos, dataDir } = await photoFolder(3)
    const first = await simulator.use()
    expect((await runInProcess(runArgs(photos, join(dataDir, 'a.json'), dataDir))).code).toBe(0)
    const other = await startSimulator({ latencyMs: 5 })
    process.env.OPENAI_BASE_URL = other.url
    expect((await runInProcess(runArgs(photos, join(dataDir, 'b.json'), dataDir))).code).toBe(0)
    expect(chatRequests(other)).toHaveLength(3)
    process.env.OPENAI_BASE_URL = first.url
    expect((await runInProcess(runArgs(photos, join(dataDir, 'c.json'), dataDir))).code).toBe(0)
    expect(chatRequests(first)).toHaveLength(3)
    await other.close()
  })

  it('a photo changed after it was added is sent again, not answered for its old bytes', async () => {
    const { photos, dataDir } = await photoFolder(2)
    const sim = await simulator.use()
    const planned = await runInProcess([
      ...runArgs(photos, 'x.json', dataDir),
      '--dry-run',
      '--json'
    ])
    expect((await runInProcess(runArgs(photos, join(dataDir, 'a.json'), dataDir))).code).toBe(0)
    expect(chatRequests(sim)).toHaveLength(2)
    await writeFile(join(photos, 'IMG_0000.jpg'), await makeJpeg(300, 200, 5))
    const resumed = await runInProcess([
      'run',
      '--resume',
      jobIdOf(planned.out),
      '--out',
      join(dataDir, 'b.json'),
      '--data-dir',
      dataDir,
      '--rpm',
      '6000',
      '--tpm',
      '1000000'
    ])
    expect(resumed.code).toBe(0)
    expect(chatRequests(sim)).toHaveLength(3)
  })
})

/** Plans a job with a dry run (`planFlags` on top), then resumes it with a simulator as OPENAI_BASE_URL. */
async function planThenResume(planFlags: string[]) {
  const { photos, dataDir } = await photoFolder(1)
  const planned = await runInProcess([
    ...runArgs(photos, 'x.json', dataDir),
    ...planFlags,
    '--dry-run'
  ])
  const sim = await simulator.use()
  const resumeArgs = ['--resume', jobIdOf(planned.out), '--out', join(dataDir, 'r.json')]
  const resumed = await runInProcess(['run', ...resumeArgs, '--data-dir', dataDir])
  return { resumed, sim }
}

describe('where a key goes', () => {
  it('a demo job resumed without --demo is refused, naming the flag; nothing is sent', async () => {
    const { resumed, sim } = await planThenResume(['--demo'])
    expect(resumed.code).toBe(2)
    expect(resumed.err).toContain('--resume: this job ran on the built-in demo simulator')
    expect(resumed.err).toContain('add --demo')
    expect(sim.log.entries).toHaveLength(0)
  })

  it('a job that ran on OpenAI is not resumed on another endpoint', async () => {
    delete process.env.OPENAI_BASE_URL
    const { resumed, sim } = await planThenResume([])
    expect(resumed.code).toBe(2)
    expect(resumed.err).toContain('this job ran on OpenAI')
    expect(sim.log.entries).toHaveLength(0)
  })

  it('never sends a key over plain HTTP to another machine', async () => {
    const { photos, dataDir } = await photoFolder(1)
    process.env.OPENAI_API_KEY = 'sk-secret-9999'
    process.env.OPENAI_BASE_URL = 'http://192.0.2.10:8080/v1'
    const run = await runInProcess(runArgs(photos, join(dataDir, 'r.json'), dataDir))
    expect(run.code).toBe(2)
    expect(run.err).toContain('OPENAI_BASE_URL: "http://192.0.2.10:8080/v1" uses plain HTTP')
  })

  it('two keys pasted into one variable are refused without printing either', async () => {
    const { photos, dataDir } = await photoFolder(1)
    process.env.OPENAI_API_KEY = 'sk-proj-AAAA1111BBBB2222\nsk-proj-CCCC3333DDDD4444'
    const run = await runInProcess(runArgs(photos, join(dataDir, 'r.json'), dataDir))
    expect(run.code).toBe(2)
    expect(run.err).toContain('OPENAI_API_KEY holds a space or a line break (sk-…4444)')
    expect(run.err).not.toContain('AAAA1111')
  })
})

describe('terminal output', () => {
  it('prints file names and reasons without their control characters', async () => {
    const { photos, dataDir } = await photoFolder(1)
    await writeFile(join(photos, 'evil\u001b]0;pwned\u0007\u001b[2J.jpg'), 'not a jpeg')
    await simulator.use()
    const run = await runInProcess(runArgs(photos, join(dataDir, 'r.json'), dataDir))
    expect(run.code).toBe(1)
    const text = run.out.join('\n')
    expect(text).toContain('/evil.jpg: This file is not an image')
    expect([...text].some((c) => c.charCodeAt(0) < 32 && c !== '\n')).toBe(false)
  })
})
