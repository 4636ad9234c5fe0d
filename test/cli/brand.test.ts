import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliSimulator, runArgs, runInProcess } from '../helpers/cli'
import { photoFolder } from '../helpers/job-fixtures'

const simulator = cliSimulator()

describe('photoscribe run --brand-voice / --use-words / --avoid-words', () => {
  it('holds back every answer with an avoided word, and refuses an over-long voice naming the flags', async () => {
    await simulator.use()
    const { photos, dataDir } = await photoFolder(2)
    const out = join(dataDir, 'r.json')
    const { code } = await runInProcess([
      ...runArgs(photos, out, dataDir, '--brand-voice', 'warm and plain'),
      '--avoid-words',
      'neutral, cheap'
    ])
    expect(code).toBe(0)
    // Each row is exported with the rule it breaks, to review before it goes to the shop.
    const rows = JSON.parse(await readFile(out, 'utf8')) as { status: string; reason: string }[]
    expect(rows).toHaveLength(2)
    for (const row of rows) expect(row.reason).toMatch(/Must not use “neutral”|Too short/)
    const long = await runInProcess(runArgs(photos, out, dataDir, '--brand-voice', 'x'.repeat(501)))
    expect(long.code).toBe(2)
    expect(long.err).toMatch(/^photoscribe: --brand-voice\/--use-words\/--avoid-words /)
  })
})
