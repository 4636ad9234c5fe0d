import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startSimulator } from '../../src/simulator/server'
import { cliSimulator, runArgs, runInProcess } from '../helpers/cli'
import { chatRequests } from '../helpers/sim'
import { photoFolder } from '../helpers/job-fixtures'

/** The CLI's side of the one front door: each test here failed on the main this wave began from. */
const simulator = cliSimulator()
/** The live cost a dry run prints ("▸ Live: ≈ $0.0078, …"). */
const liveDollars = (out: string[]): number =>
  Number(/Live: ≈ \$(\d+\.\d+)/.exec(out.join('\n'))?.[1] ?? NaN)

describe('--dry-run prices a job as the real run would', () => {
  it('uses --price-input/--price-output for a model the catalog has no price for (exit 0)', async () => {
    const { photos, dataDir } = await photoFolder(3)
    const args = ['run', photos, '--dry-run', '--model', 'llava:13b', '--data-dir', dataDir]
    const priced = await runInProcess([...args, '--price-input', '10', '--price-output', '30'])
    expect(priced.err).toBe('')
    expect(priced.code).toBe(0)
    expect(liveDollars(priced.out)).toBeGreaterThan(0)
  })

  it('uses them over the catalog for a catalogued model', async () => {
    const { photos, dataDir } = await photoFolder(3)
    const args = ['run', photos, '--dry-run', '--model', 'gpt-4.1-mini', '--data-dir', dataDir]
    const catalog = await runInProcess(args)
    const tenfold = await runInProcess([...args, '--price-input', '4', '--price-output', '16'])
    expect(catalog.code).toBe(0)
    expect(tenfold.code).toBe(0)
    // gpt-4.1-mini lists $0.40 / $1.60: ten times those prices is ten times the cost.
    expect(liveDollars(tenfold.out) / liveDollars(catalog.out)).toBeCloseTo(10, 0)
  })
})

describe('--move-endpoint', () => {
  it('a job stopped on one endpoint is refused on another, and moved on purpose', async () => {
    const { photos, dataDir } = await photoFolder(4)
    const a = await simulator.use({ defaultKey: { quotaAfter: 1 } })
    const first = await runInProcess([
      ...runArgs(photos, join(dataDir, 'a.json'), dataDir),
      '--json'
    ])
    expect(first.code).toBe(3)
    const jobId = (JSON.parse(first.out[0]) as { jobId: string }).jobId
    const b = await startSimulator({ latencyMs: 5 })
    try {
      process.env.OPENAI_BASE_URL = b.url
      const resume = [
        'run',
        '--resume',
        jobId,
        '--out',
        join(dataDir, 'b.json'),
        '--data-dir',
        dataDir
      ]
      const refused = await runInProcess(resume)
      expect(refused.code).toBe(2)
      expect(refused.err).toContain(a.url)
      expect(refused.err).toContain('--move-endpoint')
      expect(b.log.entries).toHaveLength(0)
      const moved = await runInProcess([...resume, '--move-endpoint'])
      expect(moved.code).toBe(0)
      expect(moved.err).toContain(`to ${b.url}`)
      expect(chatRequests(b).filter((e) => e.outcome === 'ok')).toHaveLength(3)
      const rows = JSON.parse(await readFile(join(dataDir, 'b.json'), 'utf8')) as {
        status: string
      }[]
      expect(rows.map((r) => r.status)).toEqual(['done', 'done', 'done', 'done'])
    } finally {
      await b.close()
    }
  })
})

describe('OPENAI_BASE_URL with a user name and password', () => {
  it('is refused at once, without printing the password, for a run and a dry run', async () => {
    const { photos, dataDir } = await photoFolder(1)
    process.env.OPENAI_API_KEY = 'sk-cli-creds-0001'
    process.env.OPENAI_BASE_URL = 'https://user:hunter2@gateway.example/v1'
    for (const extra of [[], ['--dry-run']]) {
      const run = await runInProcess([
        ...runArgs(photos, join(dataDir, 'r.json'), dataDir),
        ...extra
      ])
      expect(run.code).toBe(2)
      expect(run.err).toContain('OPENAI_BASE_URL: the URL holds a user name or password')
      expect(run.err + run.out.join('\n')).not.toContain('hunter2')
    }
  })
})

describe('untrusted text on the terminal', () => {
  it('`photoscribe jobs` prints folder names without their escape sequences', async () => {
    const { mkdir, writeFile } = await import('node:fs/promises')
    const { photos, dataDir } = await photoFolder(0)
    const evil = join(photos, 'shop\u001b]0;pwned\u0007\u001b[2J\u202eevil')
    await mkdir(evil)
    await writeFile(join(evil, 'a.jpg'), 'not a photo')
    await runInProcess(['run', evil, '--dry-run', '--data-dir', dataDir])
    const listed = await runInProcess(['jobs', '--data-dir', dataDir])
    const text = listed.out.join('\n')
    expect(text).toContain('shopevil')
    // eslint-disable-next-line no-control-regex -- the characters under test
    expect(text).not.toMatch(/[\u001b\u0007\u202e]/)
  })

  it('OPENAI_API_KEY with a zero-width space is refused at once, naming it', async () => {
    const { photos, dataDir } = await photoFolder(1)
    const sim = await simulator.use({}, 'sk-cli-zero\u200bwidth-1')
    const run = await runInProcess(runArgs(photos, join(dataDir, 'r.json'), dataDir))
    expect(run.code).toBe(2)
    expect(run.err).toContain('OPENAI_API_KEY: holds an invisible or non-ASCII character')
    expect(sim.log.entries).toHaveLength(0)
  })
})
