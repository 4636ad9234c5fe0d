import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { cliSimulator, runArgs, runInProcess } from '../helpers/cli'
import { photoFolder } from '../helpers/job-fixtures'

const simulator = cliSimulator()

describe('photoscribe run --lang en,es,de', () => {
  it('answers every language in one request per photo, a column per field and language', async () => {
    const sim = await simulator.use()
    const { photos, dataDir } = await photoFolder(3)
    const out = join(dataDir, 'r.json')
    const { code } = await runInProcess([
      ...runArgs(photos, out, dataDir, '--template', 'listing-pack', '--lang', 'en,es,de')
    ])
    expect(code).toBe(0)
    expect(sim.log.entries.filter((e) => e.path === '/v1/chat/completions')).toHaveLength(3)
    const rows = JSON.parse(await readFile(out, 'utf8')) as {
      status: string
      fields: Record<string, unknown>
    }[]
    expect(rows).toHaveLength(3)
    for (const row of rows) {
      expect(row.status).toBe('done')
      for (const code of ['en', 'es', 'de'])
        for (const field of ['title', 'meta_description', 'alt_text', 'tags'])
          expect(row.fields[`${field}_${code}`], `${field}_${code}`).toBeTruthy()
    }
  })
})
